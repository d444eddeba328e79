package io.sysotel.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.task.TaskException;
import io.sysotel.collector.task.TaskParser;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectiveCommandTest {

  @TempDir Path dir;

  private TaskParser parser(String stdin) {
    return new TaskParser(SyscallTable.x86_64(), dir, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsFunctionsFromAFileOrStdinOnTheClientSide() throws Exception {
    Files.writeString(dir.resolve("f.txt"), "sendto\nrecvfrom # and a comment\n");
    assertEquals("syscalls|functions:sendto+recvfrom;compact:true",
        DirectiveCommand.resolveFiles("syscalls|functions:@f.txt;compact:true", parser("")));
    assertEquals("syscalls|functions:send_msg+recv_msg+read+write+open",
        DirectiveCommand.resolveFiles("syscalls|functions:@-", parser("send_msg+recv_msg+read+write+open\n")));
    assertEquals("syscalls|functions:ALL", DirectiveCommand.resolveFiles("syscalls|functions:@-", parser("all")));
    assertEquals("syscalls|functions:read", DirectiveCommand.resolveFiles("syscalls|functions:read", parser("")));
    TaskException e = assertThrows(TaskException.class,
        () -> DirectiveCommand.resolveFiles("syscalls|functions:@missing.txt", parser("")));
    assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
  }

  @Test
  void dIsTheShortFormAndAMissingSocketIsAnEnvironmentProblem() {
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
        "d", "--socket", dir.resolve("none.sock").toString(), "list");
    assertEquals(Main.ENVIRONMENT, code);
    assertTrue(err.toString().contains("no admin socket at"), err.toString());
    StringWriter err2 = new StringWriter();
    assertEquals(Main.BAD_INPUT, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err2, true),
        "directive", "sub", "-c", "process.name:x"));
    assertTrue(err2.toString().contains("--task"), err2.toString());
  }
}

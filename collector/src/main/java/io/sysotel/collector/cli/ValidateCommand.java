package io.sysotel.collector.cli;

import io.sysotel.collector.config.CollectorConfig;
import io.sysotel.collector.config.ConfigException;
import io.sysotel.collector.config.ConfigLoader;
import io.sysotel.collector.config.ConfigProblem;
import io.sysotel.collector.pipeline.Exporters;
import io.sysotel.collector.task.TaskParser;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sysotel validate --config FILE}: checks a file without attaching anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a configuration file; exit 0 when valid, 2 with every problem otherwise.")
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"--config", "-f"}, required = true, paramLabel = "FILE", description = "The configuration file.")
  Path config;

  @Override
  public Integer call() {
    ConfigLoader loader = new ConfigLoader(TaskParser.forThisProcess(), Exporters.factories());
    try {
      CollectorConfig c = loader.load(config);
      spec.commandLine().getOut().printf("%s: valid (%d pipelines, %d exporters)%n",
          config, c.pipelines().size(), c.exporters().size());
      return Main.OK;
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        spec.commandLine().getErr().println(p);
      }
      spec.commandLine().getErr().printf("%s: %d problem%s%n", config, e.problems().size(), e.problems().size() == 1 ? "" : "s");
      return Main.BAD_INPUT;
    }
  }
}

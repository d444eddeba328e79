package io.sysotel.collector.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;

/**
 * Waits for SIGINT or SIGTERM without letting the JVM begin its shutdown, so the collector can
 * stop in order and exit 0, and runs the reload on SIGHUP. Uses the JDK's signal API
 * (jdk.unsupported) through reflection; where it is missing, shutdown hooks still stop the
 * collector.
 */
final class Signals {

  private Signals() {}

  /** A latch released by the first SIGINT or SIGTERM. */
  static CountDownLatch onTermination() {
    CountDownLatch latch = new CountDownLatch(1);
    handle(latch::countDown, "INT", "TERM");
    return latch;
  }

  /**
   * Runs {@code action} on each SIGHUP, on a thread of its own so the signal thread never
   * waits for it.
   *
   * @return false when signals cannot be handled here
   */
  static boolean onHangup(Runnable action) {
    return handle(() -> {
      Thread t = new Thread(action, "sysotel-sighup");
      t.setDaemon(true);
      t.start();
    }, "HUP");
  }

  private static boolean handle(Runnable action, String... names) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal = (proxy, method, args) -> {
        if (method.getName().equals("handle")) {
          action.run();
        }
        return null;
      };
      Object h = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler}, onSignal);
      for (String name : names) {
        Object s = signal.getConstructor(String.class).newInstance(name);
        signal.getMethod("handle", signal, handler).invoke(null, s, h);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // No signal API: the JVM's own handling runs shutdown hooks instead.
      return false;
    }
  }
}

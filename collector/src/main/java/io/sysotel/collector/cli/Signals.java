package io.sysotel.collector.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;

/**
 * Waits for SIGINT or SIGTERM without letting the JVM begin its shutdown, so the collector can
 * stop in order and exit 0. Uses the JDK's signal API (jdk.unsupported) through reflection; where
 * it is missing, shutdown hooks still stop the collector.
 */
final class Signals {

  private Signals() {}

  /** A latch released by the first SIGINT or SIGTERM. */
  static CountDownLatch onTermination() {
    CountDownLatch latch = new CountDownLatch(1);
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal = (proxy, method, args) -> {
        if (method.getName().equals("handle")) {
          latch.countDown();
        }
        return null;
      };
      Object h = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler}, onSignal);
      for (String name : new String[] {"INT", "TERM"}) {
        Object s = signal.getConstructor(String.class).newInstance(name);
        signal.getMethod("handle", signal, handler).invoke(null, s, h);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // No signal API: the JVM's own handling runs shutdown hooks instead.
    }
    return latch;
  }
}

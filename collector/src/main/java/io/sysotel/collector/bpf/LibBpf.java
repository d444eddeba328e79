package io.sysotel.collector.bpf;

import jnr.ffi.Pointer;
import jnr.ffi.byref.NativeLongByReference;

/**
 * The libbpf 1.x functions sysotel uses, bound with jnr-ffi to the system's {@code libbpf.so.1}.
 * Pointer-returning functions return null and set errno on failure; int-returning ones return a
 * negative errno. Only {@link Native} calls these.
 */
public interface LibBpf {
  Pointer bpf_object__open_mem(Pointer buffer, long size, Pointer opts);

  int bpf_object__load(Pointer object);

  void bpf_object__close(Pointer object);

  Pointer bpf_object__find_program_by_name(Pointer object, String name);

  Pointer bpf_object__find_map_by_name(Pointer object, String name);

  int bpf_program__set_autoload(Pointer program, boolean autoload);

  Pointer bpf_program__attach(Pointer program);

  int bpf_link__destroy(Pointer link);

  int bpf_map__fd(Pointer map);

  int bpf_map__set_max_entries(Pointer map, int maxEntries);

  int bpf_map__max_entries(Pointer map);

  int bpf_map__value_size(Pointer map);

  Pointer bpf_map__initial_value(Pointer map, NativeLongByReference size);

  int bpf_map_lookup_elem(int fd, Pointer key, Pointer value);

  int bpf_map_update_elem(int fd, Pointer key, Pointer value, long flags);

  int bpf_map_delete_elem(int fd, Pointer key);

  int libbpf_num_possible_cpus();

  int libbpf_strerror(int err, Pointer buffer, long size);
}

#ifndef RAYREC_CSYSTEM_H
#define RAYREC_CSYSTEM_H
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/sendfile.h>

/// accept4 needs _GNU_SOURCE, which the Swift importer does not define.
int csystem_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// Registers, modifies or removes `fd` with `data` as its cookie. `struct epoll_event` is packed on
/// x86_64, so Swift never builds or reads one directly: these helpers do it in C.
int csystem_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);

/// Allocates room for `count` events (free with csystem_epoll_events_free).
struct epoll_event *csystem_epoll_events_alloc(int count);
void csystem_epoll_events_free(struct epoll_event *events);
uint32_t csystem_epoll_event_flags(const struct epoll_event *events, int index);
uint64_t csystem_epoll_event_data(const struct epoll_event *events, int index);

/// memfd_create needs _GNU_SOURCE; flags MFD_CLOEXEC are applied.
int csystem_memfd(const char *name);

/// errno as seen right after the call (thread-local; read it before anything else runs).
int csystem_errno(void);
#endif

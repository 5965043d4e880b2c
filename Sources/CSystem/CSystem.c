#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "CSystem.h"

int csystem_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
  return accept4(fd, address, length, flags);
}

int csystem_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
  struct epoll_event event;
  event.events = events;
  event.data.u64 = data;
  return epoll_ctl(epfd, op, fd, &event);
}

struct epoll_event *csystem_epoll_events_alloc(int count) {
  return calloc((size_t)count, sizeof(struct epoll_event));
}

void csystem_epoll_events_free(struct epoll_event *events) { free(events); }

uint32_t csystem_epoll_event_flags(const struct epoll_event *events, int index) {
  return events[index].events;
}

uint64_t csystem_epoll_event_data(const struct epoll_event *events, int index) {
  return events[index].data.u64;
}

int csystem_errno(void) { return errno; }

int csystem_memfd(const char *name) { return memfd_create(name, MFD_CLOEXEC); }

// A lean event-stream client for the push benchmark (push-bench.mjs, SSE_CLIENT=native): opens N streams
// (GET /ofrep/v1/events) to one controller and, per round, times each stream's first refetchEvaluation event.
// One thread, epoll, no allocation per event, so the client's own cost per event is a few microseconds and the
// figures are about the controller, not about parsing.
//
//   sse-fanout HOST PORT N
// stdin, one command per line:
//   go ID      start round ID now: each stream's next refetchEvaluation event is timed from this moment
//   quit       close every stream and exit
// stdout, one line each:
//   ready N                   every stream answered 200 and sent its first bytes
//   told ID MS MS MS ...      round ID: all N streams told; each stream's time in ms (0.001 ms steps), stream order
// Errors go to stderr, with exit status 1.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MARK "refetchEvaluation"
#define MARK_LEN (sizeof(MARK) - 1)

typedef struct {
  int fd;
  int ready;          // the response's first bytes arrived
  long round;         // the round this stream was last told of
  double ms;          // its time in that round
  char carry[MARK_LEN]; // the end of the previous read, so a mark split across reads is found
  size_t carried;
} stream_t;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void fail(const char *what) {
  fprintf(stderr, "sse-fanout: %s: %s\n", what, strerror(errno));
  exit(1);
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: sse-fanout HOST PORT N\n"); return 2; }
  const char *host = argv[1];
  int port = atoi(argv[2]), n = atoi(argv[3]);
  stream_t *streams = calloc(n, sizeof(stream_t));
  int ep = epoll_create1(0);
  if (ep < 0) fail("epoll_create1");
  struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port) };
  if (inet_pton(AF_INET, host, &to.sin_addr) != 1) { fprintf(stderr, "sse-fanout: %s is not an IPv4 address\n", host); return 2; }
  char request[256];
  int request_len = snprintf(request, sizeof request,
    "GET /ofrep/v1/events HTTP/1.1\r\nHost: %s:%d\r\nAccept: text/event-stream\r\n\r\n", host, port);

  // Connected in batches, blocking, then switched to non-blocking: simple and fast enough for the setup.
  for (int i = 0; i < n; i++) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) fail("socket");
    if (connect(fd, (struct sockaddr *)&to, sizeof to) < 0) fail("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (write(fd, request, request_len) != request_len) fail("write");
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    streams[i].fd = fd;
    streams[i].round = -1;
    struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (uint32_t)i };
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) fail("epoll_ctl");
  }
  struct epoll_event in = { .events = EPOLLIN, .data.u32 = (uint32_t)n };
  fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
  if (epoll_ctl(ep, EPOLL_CTL_ADD, 0, &in) < 0) fail("epoll_ctl stdin");

  int ready = 0, told = 0;
  long round = -1;
  double started = 0;
  char buf[65536 + MARK_LEN], line[256];
  size_t line_len = 0;
  struct epoll_event events[1024];
  for (;;) {
    int k = epoll_wait(ep, events, 1024, -1);
    if (k < 0) { if (errno == EINTR) continue; fail("epoll_wait"); }
    for (int e = 0; e < k; e++) {
      uint32_t i = events[e].data.u32;
      if (i == (uint32_t)n) { // a command
        ssize_t got = read(0, line + line_len, sizeof line - 1 - line_len);
        if (got <= 0) return 0;
        line_len += got;
        char *nl;
        while ((nl = memchr(line, '\n', line_len))) {
          *nl = 0;
          if (strncmp(line, "go ", 3) == 0) { round = atol(line + 3); started = now_ms(); told = 0; }
          else if (strcmp(line, "quit") == 0) return 0;
          size_t used = nl - line + 1;
          memmove(line, nl + 1, line_len - used);
          line_len -= used;
        }
        continue;
      }
      stream_t *s = &streams[i];
      for (;;) {
        memcpy(buf, s->carry, s->carried);
        ssize_t got = read(s->fd, buf + s->carried, sizeof buf - s->carried);
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (got <= 0) { fprintf(stderr, "sse-fanout: stream %u closed by the controller\n", i); return 1; }
        double at = now_ms();
        size_t len = s->carried + got;
        if (!s->ready) {
          if (memcmp(buf, "HTTP/1.1 200", 12) != 0) { fprintf(stderr, "sse-fanout: stream %u: %.40s\n", i, buf); return 1; }
          s->ready = 1;
          if (++ready == n) { printf("ready %d\n", n); fflush(stdout); }
        }
        if (round >= 0 && s->round != round && memmem(buf, len, MARK, MARK_LEN)) {
          s->round = round;
          s->ms = at - started;
          if (++told == n) {
            printf("told %ld", round);
            for (int j = 0; j < n; j++) printf(" %.3f", streams[j].ms);
            printf("\n");
            fflush(stdout);
          }
        }
        s->carried = len < MARK_LEN - 1 ? len : MARK_LEN - 1;
        memcpy(s->carry, buf + len - s->carried, s->carried);
      }
    }
  }
}

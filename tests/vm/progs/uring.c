// SPDX-License-Identifier: GPL-2.0
/*
 * uring: submit io_uring requests, one io_uring_enter each, through raw
 * system calls (no liburing).
 *   uring [-n NOPS] [-a]
 * Sets up a ring, waits for a line on stdin (so that a test can bind it to
 * a slot), submits NOPS no-op requests, and with -a then opens and reads
 * /etc/passwd through the ring only (no openat or read system call), and
 * prints what it did.
 */
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ring {
	int fd;
	unsigned int *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
};

static int setup(struct ring *r)
{
	struct io_uring_params p;
	char *sq, *cq;

	memset(&p, 0, sizeof(p));
	r->fd = syscall(__NR_io_uring_setup, 4, &p);
	if (r->fd < 0)
		return -1;
	sq = mmap(NULL, p.sq_off.array + p.sq_entries * sizeof(unsigned int),
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
	cq = mmap(NULL, p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe),
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_CQ_RING);
	r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || r->sqes == MAP_FAILED)
		return -1;
	r->sq_tail = (void *)(sq + p.sq_off.tail);
	r->sq_mask = (void *)(sq + p.sq_off.ring_mask);
	r->sq_array = (void *)(sq + p.sq_off.array);
	r->cq_head = (void *)(cq + p.cq_off.head);
	r->cq_tail = (void *)(cq + p.cq_off.tail);
	r->cq_mask = (void *)(cq + p.cq_off.ring_mask);
	r->cqes = (void *)(cq + p.cq_off.cqes);
	return 0;
}

/* Submit one request, wait for it, return its result. */
static int submit(struct ring *r, const struct io_uring_sqe *sqe)
{
	unsigned int tail = *r->sq_tail, idx = tail & *r->sq_mask, head;
	int res;

	r->sqes[idx] = *sqe;
	r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, r->fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) != 1)
		return -1000;
	head = *r->cq_head;
	if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
		return -1001;
	res = r->cqes[head & *r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}

int main(int argc, char **argv)
{
	struct io_uring_sqe sqe;
	static char buf[4096];
	int c, n = 20, attack = 0, i, fd = -1, got = -1;
	struct ring r;
	char line[16];

	while ((c = getopt(argc, argv, "n:a")) != -1) {
		if (c == 'n') {
			n = atoi(optarg);
		} else if (c == 'a') {
			attack = 1;
		} else {
			fprintf(stderr, "usage: uring [-n NOPS] [-a]\n");
			return 2;
		}
	}
	if (setup(&r)) {
		perror("uring: io_uring_setup");
		return 1;
	}
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	for (i = 0; i < n; i++) {
		memset(&sqe, 0, sizeof(sqe));
		sqe.opcode = IORING_OP_NOP;
		if (submit(&r, &sqe))
			return 1;
	}
	if (attack) {
		memset(&sqe, 0, sizeof(sqe));
		sqe.opcode = IORING_OP_OPENAT;
		sqe.fd = AT_FDCWD;
		sqe.addr = (unsigned long)"/etc/passwd";
		sqe.open_flags = O_RDONLY;
		fd = submit(&r, &sqe);
		memset(&sqe, 0, sizeof(sqe));
		sqe.opcode = IORING_OP_READ;
		sqe.fd = fd;
		sqe.addr = (unsigned long)buf;
		sqe.len = sizeof(buf);
		got = fd >= 0 ? submit(&r, &sqe) : -1;
	}
	printf("uring: %d nops%s, fd %d, read %d bytes\n", n, attack ? ", open+read" : "", fd, got);
	return 0;
}

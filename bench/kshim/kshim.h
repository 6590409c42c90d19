/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kshim: just enough of the kernel API, in userspace, to compile the
 * module's hot path unchanged (kmod/probes.c, threads.c, scorer.c,
 * slots.c, model.c, stats.c, mem.c) into a benchmark.  Force-included
 * (-include) before every such file; bench.mk makes every <linux/...>,
 * <net/...> and <asm/...> header they name an empty file, so this is the
 * only definition of the API.
 *
 * One process, one thread, one CPU.  The costs that matter on the hot
 * path are kept: atomics are locked instructions as in the kernel
 * (test_and_set_bit, atomic_inc, refcounts, llist cmpxchg), per-CPU
 * counters are plain increments (this_cpu_inc is one instruction),
 * spinlocks take a cache line with xchg, rcu_read_lock() counts a nesting
 * depth as preemptible RCU does.  What has no userspace equivalent runs
 * later at points the benchmark chooses: call_rcu() callbacks wait for
 * rcu_barrier(), queued work for kshim_run_work() (the "worker").
 */
#ifndef HIDS_KSHIM_H
#define HIDS_KSHIM_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "shim.h"	/* the engine's: u8 .. u64, div64_u64 */

/* ---- compiler, types, misc ---- */
#define __rcu
#define __must_check
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
/* x86 is little-endian. */
#define le32_to_cpu(x) ((u32)(x))
#define container_of(p, type, member) ((type *)((char *)(p) - offsetof(type, member)))
#define max_t(type, a, b) ((type)(a) > (type)(b) ? (type)(a) : (type)(b))
#define pr_err(...) kshim_log(__VA_ARGS__)
#define pr_warn(...) kshim_log(__VA_ARGS__)
#define pr_info(...) kshim_log(__VA_ARGS__)
#define WARN_ON_ONCE(c) kshim_warn(!!(c), __FILE__, __LINE__)
#define module_param(name, type, perm) extern int kshim_unused_param
#define MODULE_PARM_DESC(name, desc) extern int kshim_unused_param
#define DEFINE_MUTEX(name) struct mutex name
#define mutex_lock(m) ((void)(m))
#define mutex_unlock(m) ((void)(m))
#define lockdep_is_held(m) true

void kshim_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool kshim_warn(bool cond, const char *file, int line);

struct mutex {
	int unused;
};

typedef unsigned int gfp_t;
#define GFP_KERNEL 0u
#define GFP_ATOMIC 1u
#define GFP_NOWAIT 2u
#define __GFP_NOWARN 4u

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long e) { return (void *)e; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline bool IS_ERR(const void *p) { return IS_ERR_VALUE(p); }

static inline u64 div_u64(u64 a, u32 b)
{
	return a / b;
}

static inline u32 hash_32(u32 val, unsigned int bits)
{
	return (val * 0x61C88647u) >> (32 - bits);
}

static inline u32 hash_ptr(const void *p, unsigned int bits)
{
	return (u32)(((u64)(uintptr_t)p * 0x61C8864680B583EBull) >> (64 - bits));
}

static inline ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size);

	if (n == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, n + 1);
	return n;
}

/* ---- memory ---- */
void *kzalloc(size_t size, gfp_t gfp);
void *kvzalloc(size_t size, gfp_t gfp);
void kfree(const void *p);
void kvfree(const void *p);
size_t ksize(const void *p);

/* ---- atomics and bit operations: locked instructions, as in the kernel ---- */
typedef struct {
	int counter;
} atomic_t;
typedef struct {
	long counter;
} atomic_long_t;
typedef struct {
	s64 counter;
} atomic64_t;
typedef struct {
	atomic_t refs;
} refcount_t;

#define ATOMIC_INIT(i) { (i) }
#define ATOMIC_LONG_INIT(i) { (i) }
#define KSHIM_SEQ __ATOMIC_SEQ_CST
#define atomic_read(v) READ_ONCE((v)->counter)
#define atomic_set(v, i) WRITE_ONCE((v)->counter, (i))
#define atomic_inc(v) ((void)__atomic_fetch_add(&(v)->counter, 1, KSHIM_SEQ))
#define atomic_dec(v) ((void)__atomic_fetch_sub(&(v)->counter, 1, KSHIM_SEQ))
#define atomic_inc_return(v) __atomic_add_fetch(&(v)->counter, 1, KSHIM_SEQ)
/* True and *old unchanged on success; false with *old the value found. */
#define atomic_try_cmpxchg(v, old, new) \
	__atomic_compare_exchange_n(&(v)->counter, (old), (new), false, KSHIM_SEQ, KSHIM_SEQ)
#define atomic_long_read atomic_read
#define atomic_long_add(i, v) ((void)__atomic_fetch_add(&(v)->counter, (i), KSHIM_SEQ))
#define atomic_long_sub(i, v) ((void)__atomic_fetch_sub(&(v)->counter, (i), KSHIM_SEQ))
#define atomic_long_inc(v) atomic_long_add(1, v)
#define atomic_long_read_acquire(v) __atomic_load_n(&(v)->counter, __ATOMIC_ACQUIRE)
#define atomic64_read atomic_read
#define atomic64_set atomic_set
#define atomic64_inc atomic_inc
#define atomic64_add(i, v) atomic_long_add(i, v)

#define refcount_set(r, n) atomic_set(&(r)->refs, (n))
#define refcount_inc(r) atomic_inc(&(r)->refs)
#define refcount_dec_and_test(r) (__atomic_sub_fetch(&(r)->refs.counter, 1, KSHIM_SEQ) == 0)

static inline bool refcount_inc_not_zero(refcount_t *r)
{
	int old = atomic_read(&r->refs);

	do {
		if (!old)
			return false;
	} while (!__atomic_compare_exchange_n(&r->refs.counter, &old, old + 1, false,
					      KSHIM_SEQ, KSHIM_SEQ));
	return true;
}

#define BITS_PER_LONG 64
#define BIT(nr) (1UL << (nr))
#define __ffs(x) ((unsigned long)__builtin_ctzl(x))
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)
#define KSHIM_BIT(nr) (1UL << ((nr) % 64))
#define KSHIM_WORD(nr, addr) ((addr) + (nr) / 64)
#define set_bit(nr, addr) ((void)__atomic_fetch_or(KSHIM_WORD(nr, addr), KSHIM_BIT(nr), KSHIM_SEQ))
#define clear_bit(nr, addr) \
	((void)__atomic_fetch_and(KSHIM_WORD(nr, addr), ~KSHIM_BIT(nr), KSHIM_SEQ))
#define test_and_set_bit(nr, addr) \
	(!!(__atomic_fetch_or(KSHIM_WORD(nr, addr), KSHIM_BIT(nr), KSHIM_SEQ) & KSHIM_BIT(nr)))
#define test_and_clear_bit(nr, addr) \
	(!!(__atomic_fetch_and(KSHIM_WORD(nr, addr), ~KSHIM_BIT(nr), KSHIM_SEQ) & KSHIM_BIT(nr)))
#define test_bit(nr, addr) (!!(READ_ONCE(*KSHIM_WORD(nr, addr)) & KSHIM_BIT(nr)))

#define smp_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define smp_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)
#define smp_mb__after_atomic() barrier()
#define smp_mb__before_atomic() barrier()
#define smp_rmb() barrier()

/* ---- one CPU: per-CPU data is the data ---- */
#define DEFINE_PER_CPU(type, name) __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name
#define this_cpu_ptr(p) (p)
#define per_cpu_ptr(p, cpu) ((void)(cpu), (p))
#define get_cpu_ptr(p) (p)
#define put_cpu_ptr(p) ((void)(p))
#define this_cpu_inc(x) ((x)++)
#define this_cpu_add(x, n) ((x) += (n))
#define smp_processor_id() 0
#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)
#define cond_resched() ((void)0)

/* ---- locks ---- */
typedef struct {
	int locked;
} spinlock_t;

#define spin_lock_init(l) ((l)->locked = 0)
static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

/* ---- RCU: readers count a nesting depth; callbacks wait for rcu_barrier() ---- */
struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};

extern int kshim_rcu_nesting;
#define rcu_read_lock() do { kshim_rcu_nesting++; barrier(); } while (0)
#define rcu_read_unlock() do { barrier(); kshim_rcu_nesting--; } while (0)
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_assign_pointer(p, v) smp_store_release(&(p), (v))
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)
void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));
void rcu_barrier(void);

/* ---- lists ---- */
struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

#define INIT_HLIST_HEAD(h) ((h)->first = NULL)
#define hlist_entry_safe(p, type, member) \
	({ __typeof__(p) ____p = (p); ____p ? container_of(____p, type, member) : NULL; })
#define hlist_for_each_entry_rcu(pos, head, member) \
	for (pos = hlist_entry_safe(READ_ONCE((head)->first), __typeof__(*(pos)), member); \
	     pos; pos = hlist_entry_safe(READ_ONCE((pos)->member.next), __typeof__(*(pos)), member))
#define hlist_for_each_entry_safe(pos, n, head, member) \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*pos), member); \
	     pos && ({ n = pos->member.next; 1; }); \
	     pos = hlist_entry_safe(n, __typeof__(*pos), member))

static inline void hlist_add_head_rcu(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	n->pprev = &h->first;
	if (first)
		first->pprev = &n->next;
	rcu_assign_pointer(h->first, n);
}

static inline void hlist_del_rcu(struct hlist_node *n)
{
	struct hlist_node *next = n->next;

	WRITE_ONCE(*n->pprev, next);
	if (next)
		next->pprev = n->pprev;
	n->pprev = NULL;
}

struct llist_node {
	struct llist_node *next;
};

struct llist_head {
	struct llist_node *first;
};

#define init_llist_head(h) ((h)->first = NULL)
#define llist_entry(p, type, member) container_of(p, type, member)
#define llist_for_each_safe(pos, n, node) \
	for ((pos) = (node); (pos) && ((n) = (pos)->next, true); (pos) = (n))

static inline bool llist_add(struct llist_node *n, struct llist_head *h)
{
	struct llist_node *first = READ_ONCE(h->first);

	do {
		n->next = first;
	} while (!__atomic_compare_exchange_n(&h->first, &first, n, false, KSHIM_SEQ,
					      __ATOMIC_RELAXED));
	return !first;
}

static inline struct llist_node *llist_del_all(struct llist_head *h)
{
	return __atomic_exchange_n(&h->first, NULL, KSHIM_SEQ);
}

/* ---- time ---- */
extern unsigned long jiffies;
#define time_before(a, b) ((long)((a) - (b)) < 0)
#define msecs_to_jiffies(ms) ((unsigned long)(ms) / 4)

/* ---- tasks, pids, cgroups ---- */
#define TASK_COMM_LEN 16

/* Files: the benchmark never selects by executable. */
struct inode {
	unsigned short i_mode;
};

struct file {
	struct inode *f_inode;
};

struct mm_struct {
	struct file *exe_file;
};

#define file_inode(f) ((f)->f_inode)
#define fput(f) ((void)(f))
#define get_file(f) (f)
#define filp_open(path, flags, mode) ((void)(path), (struct file *)ERR_PTR(-ENOENT))
#define O_PATH 010000000
#define S_ISREG(m) (((m) & 0170000) == 0100000)

struct task_struct {
	pid_t pid, tgid;
	u64 start_time;
	u64 self_exec_id;
	char comm[TASK_COMM_LEN];
	struct mm_struct *mm;
};

struct pid {
	int unused;
};

struct cgroup {
	int unused;
};

enum pid_type { PIDTYPE_PID, PIDTYPE_TGID };

extern struct task_struct *kshim_current;
#define current kshim_current
/* The benchmark's threads are never killed. */
#define fatal_signal_pending(t) ((void)(t), false)
#define get_task_comm(buf, t) strscpy(buf, (t)->comm, sizeof(buf))
#define get_task_pid(t, type) ((void)(t), (struct pid *)NULL)
#define put_pid(p) ((void)(p))
#define get_pid(p) (p)
struct pid_namespace;
#define task_active_pid_ns(t) ((void)(t), (struct pid_namespace *)NULL)
#define pid_nr_ns(p, ns) ((void)(p), (void)(ns), 0)
#define task_dfl_cgroup(t) ((void)(t), (struct cgroup *)NULL)
#define cgroup_id(c) ((void)(c), (u64)1)
#define cgroup_get(c) ((void)(c))
#define cgroup_put(c) ((void)(c))
#define cgroup_is_descendant(c, a) ((void)(c), (void)(a), false)
#define cgroup_get_from_path(path) ((struct cgroup *)ERR_PTR(-ENOENT))

#define thread_group_leader(t) ((t)->pid == (t)->tgid)
#ifndef U32_MAX
#define U32_MAX ((u32)~0U)
#endif

/* ---- signals: only what the signal_deliver probe reads ---- */
struct kernel_siginfo;
struct k_sigaction {
	struct {
		void (*sa_handler)(int);
	} sa;
};

#define SIG_DFL ((void (*)(int))0)
#define SIG_IGN ((void (*)(int))1)

/* ---- tracepoints ---- */
struct pt_regs {
	long orig_ax;
};

struct linux_binprm;

struct tracepoint {
	const char *name;
	void *func;		/* the one probe attached, or NULL */
};

void for_each_kernel_tracepoint(void (*fct)(struct tracepoint *tp, void *priv), void *priv);
int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data);
int tracepoint_probe_unregister(struct tracepoint *tp, void *probe, void *data);
#define tracepoint_synchronize_unregister() rcu_barrier()
#define syscall_get_nr(task, regs) ((void)(task), (regs)->orig_ax)
#define HIDS_SCHED_EXIT_ARGS struct task_struct *p
/* The benchmark's calls are native ones; io_uring as on 6.3+. */
#define in_ia32_syscall() false
#define in_x32_syscall() false
#define __X32_SYSCALL_BIT 0x40000000
struct io_kiocb {
	u8 opcode;
};

#define HIDS_IO_URING_SUBMIT "io_uring_submit_req"
#define HIDS_IO_URING_SUBMIT_ARGS struct io_kiocb *req

/* ---- work queues: queued work runs in kshim_run_work() ---- */
struct work_struct {
	unsigned long pending;
	void (*func)(struct work_struct *work);
	struct work_struct *next;
};

struct workqueue_struct {
	int unused;
};

#define WQ_HIGHPRI 0
#define WQ_PERCPU 0
#define INIT_WORK(w, f) ((w)->pending = 0, (w)->func = (f), (w)->next = NULL)
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max, ...);
void destroy_workqueue(struct workqueue_struct *wq);
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);

/* ---- CPU features, FPU ---- */
#define X86_FEATURE_AVX2 0
#define X86_FEATURE_OSXSAVE 1
bool kshim_cpu_has(int feature);
#define boot_cpu_has(f) kshim_cpu_has(f)
#define kernel_fpu_begin() barrier()
#define kernel_fpu_end() barrier()

/* ---- netlink, for the parts the benchmark never calls ---- */
struct netlink_ext_ack {
	const char *_msg;
};

#define NL_SET_ERR_MSG(extack, msg) do { if (extack) (extack)->_msg = (msg); } while (0)
#define NLM_F_MULTI 2

struct nlattr;
struct genl_family {
	int unused;
};

struct nlmsghdr {
	u32 nlmsg_seq;
};

struct sk_buff {
	unsigned int len;
	struct {
		u32 portid;
	} nlcb;
};

struct netlink_callback {
	struct sk_buff *skb;
	const struct nlmsghdr *nlh;
	long args[6];
	unsigned int seq;
};

#define NETLINK_CB(skb) ((skb)->nlcb)
void *genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, const struct genl_family *family,
		  int flags, u8 cmd);
#define genlmsg_cancel(skb, hdr) ((void)(skb), (void)(hdr))
#define genlmsg_end(skb, hdr) ((void)(skb), (void)(hdr))
#define genl_dump_check_consistent(cb, hdr) ((void)(cb), (void)(hdr))
#define nla_nest_start(skb, type) ((void)(skb), (void)(type), (struct nlattr *)NULL)
#define nla_nest_end(skb, nest) ((void)(skb), (void)(nest))
#define nla_put_u32(skb, type, v) ((void)(skb), (void)(type), (void)(v), -EMSGSIZE)
#define nla_put_string(skb, type, v) ((void)(skb), (void)(type), (void)(v), -EMSGSIZE)
#define nla_put_u64_64bit(skb, type, v, pad) \
	((void)(skb), (void)(type), (void)(v), (void)(pad), -EMSGSIZE)

/* ---- for the benchmark ---- */
void kshim_run_work(void);
struct tracepoint *kshim_tracepoint(const char *name);

#endif /* HIDS_KSHIM_H */

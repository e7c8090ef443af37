/* How many CPUs this process may use: the affinity mask (or the CPUs
 * online where sched_getaffinity is missing), lowered to the CPU quota of
 * the cgroup the process is in (v2 cpu.max, v1 cpu.cfs_quota_us over
 * cpu.cfs_period_us, rounded up), as Go and the JDK do. */
#ifndef LSC_CLI_CPUS_H
#define LSC_CLI_CPUS_H

/* The CPUs available, at least 1 and at most max. */
unsigned cli_cpus_available(unsigned max);

/* The quota in the text of a cgroup v2 cpu.max file ("max 100000",
 * "150000 100000"): CPUs rounded up, at least 1; 0 for no limit or text
 * that is not a quota. */
unsigned cli_cgroup2_quota(const char *cpu_max);

/* The same from cgroup v1's cpu.cfs_quota_us and cpu.cfs_period_us
 * texts ("-1" is no limit). */
unsigned cli_cgroup1_quota(const char *quota, const char *period);

/* The quota of the cgroup described by the text of /proc/self/cgroup
 * (the lowest along the v2 path up to the root, else v1's cpu
 * controller), its files read under root ("/sys/fs/cgroup"): 0 for none. */
unsigned cli_cgroup_quota(const char *proc_self_cgroup, const char *root);

#endif

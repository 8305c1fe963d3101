/*
 * bench-time - runs a command once and reports its wall time, CPU time and
 * peak memory: "<wall s> <user+sys s> <max RSS KiB> <exit status>" on
 * standard output.
 *
 * usage: bench-time [-o FILE] [-i FILE] [-C DIR] -- COMMAND [ARG...]
 *
 * The command's standard output goes to FILE (-o; default /dev/null), its
 * standard input comes from FILE (-i; default /dev/null), it runs in DIR
 * (-C). Wall time is CLOCK_MONOTONIC around fork .. wait4; CPU time and
 * peak memory are the child's ru_utime + ru_stime and ru_maxrss from wait4
 * (that process and what it waited for, alone). CPU time is printed
 * because a shared machine's wall time includes waiting for a core.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *out = "/dev/null", *in = "/dev/null", *dir = NULL;
	struct timespec t0, t1;
	struct rusage ru;
	int i, status;
	pid_t pid;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "-i") && i + 1 < argc)
			in = argv[++i];
		else if (!strcmp(argv[i], "-C") && i + 1 < argc)
			dir = argv[++i];
		else
			break;
	}
	if (i >= argc - 1 || strcmp(argv[i], "--")) {
		fprintf(stderr, "usage: bench-time [-o FILE] [-i FILE] [-C DIR] -- COMMAND [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644), fi = open(in, O_RDONLY);

		if (fo < 0 || fi < 0 || dup2(fo, 1) < 0 || dup2(fi, 0) < 0 || (dir && chdir(dir))) {
			perror("bench-time");
			_exit(127);
		}
		execvp(argv[i + 1], argv + i + 1);
		perror(argv[i + 1]);
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.6f %.6f %ld %d\n",
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
	       ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}

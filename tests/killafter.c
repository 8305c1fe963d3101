/*
 * killafter.c - run a command and SIGKILL it after a delay (tests).
 *
 *   killafter USEC PROG [ARG]...
 *
 * Starts PROG with its arguments (searched in PATH), sleeps USEC
 * microseconds (a fraction is allowed: "350.5") and sends SIGKILL if it is
 * still running. Exits with PROG's status when it finished on its own
 * (128 + signal when a signal ended it), with 137 when it was killed here,
 * and with 125 when it could not be run. Used by tests/kill-mid-write.sh:
 * unlike timeout(1), the delay is precise to the microsecond and nothing
 * else is killed.
 *
 * When KILLAFTER_ELAPSED names a file, the microseconds from the start of
 * PROG to its end are written there (to time a run and then kill the next
 * one at a random moment within that time).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	const char *report = getenv("KILLAFTER_ELAPSED");
	double usec;
	char *end;
	pid_t pid, got;
	int status;

	if (argc < 3) {
		fprintf(stderr, "usage: killafter USEC PROG [ARG]...\n");
		return 125;
	}
	usec = strtod(argv[1], &end);
	if (*end || usec < 0) {
		fprintf(stderr, "killafter: bad delay '%s'\n", argv[1]);
		return 125;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("killafter: fork");
		return 125;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "killafter: %s: %s\n", argv[2], strerror(errno));
		_exit(125);
	}
	/* Until the deadline (on the monotonic clock, so that slow wake-ups
	 * do not add up), unless the child ends first: poll in slices of at
	 * most 200 us so that a quick command is not waited for. */
	for (;;) {
		struct timespec now, slice = { 0, 200000 };
		long long left;

		got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			goto done;
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = (long long)usec * 1000 - ((long long)(now.tv_sec - t0.tv_sec) * 1000000000LL +
						 (now.tv_nsec - t0.tv_nsec));
		if (left <= 0)
			break;
		if (left < slice.tv_nsec)
			slice.tv_nsec = (long)left;
		nanosleep(&slice, NULL);
	}
	kill(pid, SIGKILL);
	while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (got < 0) {
		perror("killafter: waitpid");
		return 125;
	}
done:
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (report && *report) {
		FILE *f = fopen(report, "w");

		if (f) {
			fprintf(f, "%lld\n", (long long)(t1.tv_sec - t0.tv_sec) * 1000000 +
					     (t1.tv_nsec - t0.tv_nsec) / 1000);
			fclose(f);
		}
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 125;
}

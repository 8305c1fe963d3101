/*
 * arena_poison - under AddressSanitizer, an arena's free space is
 * poisoned (lib/util.c): both uses below must be reported as
 * use-after-poison (ctest matches the report; built only with
 * -DHOSTCTL_SANITIZE=ON).
 *
 * usage: arena_poison past|stale
 */
#include <stdio.h>
#include <string.h>

#include "hostctl/util.h"

int main(int argc, char **argv)
{
	struct hc_arena a;
	volatile char *p;
	int v;

	if (argc != 2)
		return 2;
	hc_arena_init(&a);
	p = hc_arena_strdup(&a, "record field");
	if (!strcmp(argv[1], "stale")) {
		hc_arena_reset(&a);             /* p now points into free space */
		v = p[0];
	} else {
		p = hc_arena_alloc(&a, 10);
		v = p[24];                      /* past the 10 bytes asked for */
	}
	printf("no report: read %d\n", v);
	hc_arena_release(&a);
	return 1;
}

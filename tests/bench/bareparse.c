/*
 * bench-bareparse - the benchmark's baseline: a bare libyaml event parse.
 *
 * usage: bench-bareparse PATH...
 *
 * For each PATH, a file or a directory (its *.yaml files, in name order,
 * not recursing): read the file (open, read, close) and run the libyaml
 * event loop over it to the end of the stream -- nothing else: no node
 * tree, no decoding, no checks. Prints the files, events and bytes seen.
 * This is the least any YAML-reading tool must do over the same files.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

static unsigned char *buf;
static size_t cap;
static unsigned long long files, events, bytes;

static void parse_file(const char *path)
{
	yaml_parser_t p;
	yaml_event_t ev;
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		perror(path);
		exit(1);
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			perror(path);
			exit(1);
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, buf, len);
	for (;;) {
		int type;

		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "%s: %s\n", path, p.problem ? p.problem : "parse error");
			exit(1);
		}
		type = ev.type;
		yaml_event_delete(&ev);
		events++;
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	files++;
	bytes += len;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void parse_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, ncap = 0;

	if (!d) {
		perror(dir);
		exit(1);
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' || l <= 5 || strcmp(de->d_name + l - 5, ".yaml"))
			continue;
		if (n == ncap) {
			ncap = ncap ? ncap * 2 : 1024;
			names = realloc(names, ncap * sizeof(*names));
			if (!names)
				abort();
		}
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	for (size_t i = 0; i < n; i++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		parse_file(path);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench-bareparse PATH...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);

		if (d) {
			closedir(d);
			parse_dir(argv[i]);
		} else {
			parse_file(argv[i]);
		}
	}
	printf("%llu files, %llu events, %llu bytes\n", files, events, bytes);
	free(buf);
	return 0;
}

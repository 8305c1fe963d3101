/*
 * validate.c - whole-state checks, and creating a new state.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs.h"
#include "hostctl/claim.h"
#include "hostctl/kinds.h"
#include "hostctl/validate.h"

void hc_validator_problem(struct hc_validator *v, const char *path, const char *field,
			  const char *fmt, ...)
{
	struct hc_error e;
	va_list ap;

	va_start(ap, fmt);
	hc_error_vset(&e, HC_EINVALID, fmt, ap);
	va_end(ap);
	snprintf(e.path, sizeof(e.path), "%s", path);
	snprintf(e.field, sizeof(e.field), "%s", field ? field : "");
	hc_errors_add(v->problems, &e);
}

bool hc_validator_exists(struct hc_validator *v, const char *dir, const char *id)
{
	char path[512];

	if (!hc_name_valid(id))
		return false;
	/* Answered from the listings of validate_kind() where there are
	 * some: at 10,000 servers, tens of thousands of lookups fewer. */
	if (hc_set_has(&v->listed, dir)) {
		snprintf(path, sizeof(path), "%s/%s", dir, id);
		return hc_set_has(&v->known, path);
	}
	snprintf(path, sizeof(path), "%s/%s.yaml", dir, id);
	return hc_store_exists(v->st, path);
}

void hc_validator_claim(struct hc_validator *v, const char *owner, int kind, const char *value)
{
	struct hc_buf *cur = &v->buf;
	struct hc_error err;
	char path[256];
	int rc;

	if (hc_claim_path(kind, value, path, sizeof(path), &err)) {
		hc_validator_problem(v, owner, hc_claim_kind_names[kind], "%s", err.msg);
		return;
	}
	if (!hc_set_add(&v->expected_claims, hc_arena_strdup(&v->arena, path))) {
		hc_validator_problem(v, owner, hc_claim_kind_names[kind],
				     "%s '%s' is owned by more than one record", hc_claim_kind_names[kind],
				     value);
		return;
	}
	rc = hc_store_read(v->st, path, cur, &err);
	if (rc == HC_ENOTFOUND) {
		hc_validator_problem(v, owner, hc_claim_kind_names[kind],
				     "%s '%s' has no claim file '%s'", hc_claim_kind_names[kind], value,
				     path);
	} else if (rc) {
		hc_errors_add(v->problems, &err);
	} else {
		while (cur->len && cur->p[cur->len - 1] == '\n')
			hc_buf_truncate(cur, cur->len - 1);
		if (strcmp(cur->p, owner) != 0)
			hc_validator_problem(v, path, NULL, "claimed by '%s', but '%s' uses %s '%s'",
					     cur->p, owner, hc_claim_kind_names[kind], value);
	}
}

void hc_validator_index(struct hc_validator *v, const char *owner, const char *path)
{
	struct hc_buf *cur = &v->buf;
	struct hc_error err;
	int rc;

	hc_set_add(&v->expected_claims, hc_arena_strdup(&v->arena, path));
	rc = hc_store_read(v->st, path, cur, &err);
	if (rc == HC_ENOTFOUND) {
		hc_validator_problem(v, owner, NULL, "index entry '%s' is missing", path);
	} else if (rc) {
		hc_errors_add(v->problems, &err);
	} else {
		cur->p[strcspn(cur->p, "\n")] = '\0';
		if (strcmp(cur->p, owner) != 0)
			hc_validator_problem(v, path, NULL, "names '%s', expected '%s'", cur->p, owner);
	}
}

/* Every index entry must be one some record expects. */
static void validate_indexes(struct hc_validator *v)
{
	struct hc_arena a;
	struct hc_strs names, keys, members;
	struct hc_error err;

	hc_arena_init(&a);
	if (hc_store_list_names(v->st, "index", &names, &a, &err)) {
		hc_errors_add(v->problems, &err);
		goto out;
	}
	for (size_t i = 0; i < names.n; i++) {
		char dir[256];

		snprintf(dir, sizeof(dir), "index/%s", names.v[i]);
		if (hc_store_list_names(v->st, dir, &keys, &a, &err)) {
			hc_errors_add(v->problems, &err);
			continue;
		}
		for (size_t k = 0; k < keys.n; k++) {
			char kdir[512];

			snprintf(kdir, sizeof(kdir), "%s/%s", dir, keys.v[k]);
			if (hc_store_list_names(v->st, kdir, &members, &a, &err)) {
				hc_errors_add(v->problems, &err);
				continue;
			}
			for (size_t m = 0; m < members.n; m++) {
				char path[768];

				snprintf(path, sizeof(path), "%s/%s", kdir, members.v[m]);
				if (!hc_set_has(&v->expected_claims, path))
					hc_validator_problem(v, path, NULL,
							     "index entry no record accounts for");
			}
		}
	}
out:
	hc_arena_release(&a);
}

static void validate_catalog(struct hc_validator *v, struct hc_catalog *cat)
{
	struct hc_buf buf = HC_BUF_INIT;
	struct hc_error err;
	bool ok = true;

	for (size_t i = 0; i < v->st->config.profiles.n; i++) {
		char path[192];
		int rc;

		snprintf(path, sizeof(path), "catalog/%s.yaml", v->st->config.profiles.v[i]);
		rc = hc_store_read(v->st, path, &buf, &err);
		if (rc == HC_ENOTFOUND)
			hc_validator_problem(v, HC_STATE_FILE, "profiles",
					     "profile '%s' is listed but '%s' is missing",
					     v->st->config.profiles.v[i], path);
		else if (!rc)
			rc = hc_catalog_add(cat, buf.p, buf.len, path, &err);
		if (rc) {
			if (rc != HC_ENOTFOUND)
				hc_errors_add(v->problems, &err);
			ok = false;
		}
	}
	hc_buf_release(&buf);
	if (hc_catalog_check(cat, v->problems))
		ok = false;
	v->cat = ok ? cat : NULL;
}

/* Lists every kind's records into v->known (ids[i], bad[i] for kind i,
 * in v->arena); a directory that cannot be listed stays out of
 * v->listed and is reported by validate_kind(). */
static void list_kinds(struct hc_validator *v, struct hc_strs *ids, struct hc_strs *bad,
		       int *failed, struct hc_error *errs)
{
	for (size_t i = 0; i < hc_kinds_count; i++) {
		const struct hc_kind *k = &hc_kinds[i];

		memset(&bad[i], 0, sizeof(bad[i]));
		failed[i] = hc_store_list(v->st, k->dir, &ids[i], &v->arena, &bad[i], &errs[i]);
		if (failed[i])
			continue;
		hc_set_add(&v->listed, k->dir);
		for (size_t j = 0; j < ids[i].n; j++)
			hc_set_add(&v->known, hc_arena_printf(&v->arena, "%s/%s", k->dir, ids[i].v[j]));
	}
}

static void validate_kind(struct hc_validator *v, const struct hc_kind *k, const struct hc_strs *idsp,
			  const struct hc_strs *badp, int failed, struct hc_error *lerr)
{
	struct hc_arena a, ra;
	struct hc_strs ids = *idsp, bad = *badp;
	struct hc_error err;
	void *rec = hc_xmalloc(k->schema->size);

	hc_arena_init(&a);
	if (failed) {
		hc_errors_add(v->problems, lerr);
		goto out;
	}
	for (size_t i = 0; i < bad.n; i++)
		hc_validator_problem(v, k->dir, NULL, "'%s' is not a record file (want <id>.yaml)",
				     bad.v[i]);
	hc_arena_init(&ra);
	for (size_t i = 0; i < ids.n; i++) {
		char path[512];

		hc_arena_reset(&ra);
		v->records++;
		if (hc_record_path(k->dir, ids.v[i], path, sizeof(path), &err) ||
		    hc_store_load(v->st, k->schema, path, rec, &ra, &err)) {
			hc_errors_add(v->problems, &err);
		} else {
			const char *id = hc_kind_id(k, rec);

			if (strcmp(id, ids.v[i]) != 0)
				hc_validator_problem(v, path, "id", "id '%s' does not match the file name",
						     id);
			if (k->check)
				k->check(v, path, rec);
		}
	}
	hc_arena_release(&ra);
out:
	free(rec);
	hc_arena_release(&a);
}

/* Every claim file must be one some record owns. */
static void validate_claims(struct hc_validator *v)
{
	for (int kind = 0; hc_claim_kind_names[kind]; kind++) {
		char dir[64];
		struct dirent *de;
		DIR *d;
		int fd;

		snprintf(dir, sizeof(dir), "claims/%s", hc_claim_kind_names[kind]);
		fd = hc_fs_open(v->st->rootfd, dir, O_RDONLY | O_DIRECTORY, 0);
		if (fd < 0) {
			if (errno != ENOENT)
				hc_validator_problem(v, dir, NULL, "unable to read: %s", strerror(errno));
			continue;
		}
		d = fdopendir(fd);
		if (!d) {
			close(fd);
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			char path[512];

			if (de->d_name[0] == '.')
				continue;
			v->claims++;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			if (!hc_name_valid(de->d_name)) {
				hc_validator_problem(v, path, NULL, "not a valid claim name");
				continue;
			}
			if (!hc_set_has(&v->expected_claims, path)) {
				struct hc_buf owner = HC_BUF_INIT;
				struct hc_error err;

				if (hc_store_read(v->st, path, &owner, &err) == HC_OK) {
					owner.p[strcspn(owner.p, "\n")] = '\0';
					hc_validator_problem(v, path, NULL,
							     "claim of '%s' is not used by that record (or it is gone)",
							     owner.p);
				} else {
					hc_errors_add(v->problems, &err);
				}
				hc_buf_release(&owner);
			}
		}
		closedir(d);
	}
}

int hc_state_validate(struct hc_store *st, struct hc_errors *problems, size_t *records,
		      size_t *claims, struct hc_error *err)
{
	struct hc_validator v;
	struct hc_catalog cat;
	struct hc_strs *ids = hc_xcalloc(hc_kinds_count, sizeof(*ids));
	struct hc_strs *bad = hc_xcalloc(hc_kinds_count, sizeof(*bad));
	struct hc_error *lerr = hc_xcalloc(hc_kinds_count, sizeof(*lerr));
	int *failed = hc_xcalloc(hc_kinds_count, sizeof(*failed));

	memset(&v, 0, sizeof(v));
	v.st = st;
	v.problems = problems;
	hc_set_init(&v.expected_claims);
	hc_set_init(&v.known);
	hc_set_init(&v.listed);
	hc_arena_init(&v.arena);
	hc_buf_init(&v.buf);
	hc_catalog_init(&cat);

	validate_catalog(&v, &cat);
	list_kinds(&v, ids, bad, failed, lerr);
	for (size_t i = 0; i < hc_kinds_count; i++)
		validate_kind(&v, &hc_kinds[i], &ids[i], &bad[i], failed[i], &lerr[i]);
	validate_claims(&v);
	validate_indexes(&v);
	if (hc_store_exists(st, ".hostctl/journal"))
		hc_validator_problem(&v, ".hostctl/journal", NULL,
				     "an interrupted change is waiting to be completed");

	if (records)
		*records = v.records;
	if (claims)
		*claims = v.claims;
	hc_catalog_release(&cat);
	hc_set_release(&v.expected_claims);
	hc_set_release(&v.known);
	hc_set_release(&v.listed);
	hc_arena_release(&v.arena);
	hc_buf_release(&v.buf);
	free(ids);
	free(bad);
	free(lerr);
	free(failed);
	hc_errors_sort(problems);
	(void)err;
	return problems->n ? HC_EINVALID : HC_OK;
}

/* ---- init ---------------------------------------------------------------- */

static const char gitattributes[] =
	"# hostctl state (hostctl(7)): records are LF text; the audit trail is an\n"
	"# append-only log per day, merged by taking both sides' lines.\n"
	"*.yaml text eol=lf\n"
	"claims/** text eol=lf\n"
	"audit/*.jsonl text eol=lf merge=union\n";

static const char gitignore[] =
	"# hostctl runtime files: the writer lock, the journal, temp files\n"
	"/.hostctl/\n"
	".*.hctmp\n"
	"# bandwidth samples are operational data, kept beside the state, not in it\n"
	"/samples/\n"
	"# abuse evidence over 1 MiB: the case keeps its size and SHA-256\n"
	"/evidence/*/large/\n";

static const struct hc_seed_file *seed_of(const char *name)
{
	for (size_t i = 0; i < hc_catalog_builtin_count; i++) {
		size_t n = strlen(name);

		if (!strncmp(hc_catalog_builtin[i].name, name, n) &&
		    !strcmp(hc_catalog_builtin[i].name + n, ".yaml"))
			return &hc_catalog_builtin[i];
	}
	return NULL;
}

int hc_state_init(const char *dir, const char *const *profiles, size_t n, struct hc_buf *created,
		  struct hc_error *err)
{
	struct hc_catalog all, cat;
	struct hc_arena a;
	struct hc_config cfg;
	struct hc_buf yaml = HC_BUF_INIT;
	struct hc_set chosen;
	struct stat sb;
	char path[4096];
	int rootfd = -1, rc;

	hc_catalog_init(&all);
	hc_catalog_init(&cat);
	hc_arena_init(&a);
	hc_set_init(&chosen);

	snprintf(path, sizeof(path), "%s/%s", dir, HC_STATE_FILE);
	if (lstat(path, &sb) == 0) {
		rc = hc_error_set(err, HC_ECONFLICT, "'%s' already holds a hostctl state", dir);
		goto out;
	}
	/* Never overwrite: every file init writes must be new. */
	{
		static const char *const fixed[] = { ".gitattributes", ".gitignore", "catalog" };

		for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, fixed[i]);
			if (lstat(path, &sb) == 0) {
				rc = hc_error_set(err, HC_ECONFLICT,
						  "'%s' exists; hostctl init writes only new files", path);
				goto out;
			}
		}
	}
	rc = hc_catalog_load_builtin(&all, err);
	if (rc)
		goto out;
	/* The chosen profiles, plus the rescue profiles they name. */
	for (size_t i = 0; i < all.n; i++) {
		const struct hc_profile *p = &all.profiles[i];
		bool want = n == 0;

		for (size_t k = 0; k < n && !want; k++)
			want = !strcmp(profiles[k], p->name);
		if (want) {
			hc_set_add(&chosen, p->name);
			if (p->abuse.rescue_profile)
				hc_set_add(&chosen, p->abuse.rescue_profile);
		}
	}
	for (size_t k = 0; k < n; k++) {
		if (!hc_catalog_profile(&all, profiles[k])) {
			struct hc_buf names = HC_BUF_INIT;

			for (size_t i = 0; i < all.n; i++)
				hc_buf_addf(&names, "%s%s", i ? ", " : "", all.profiles[i].name);
			rc = hc_error_set(err, HC_ENOTFOUND, "no built-in profile '%s' (have: %s)",
					  profiles[k], names.p);
			hc_buf_release(&names);
			goto out;
		}
	}
	for (size_t i = 0; i < all.n; i++) {
		const struct hc_seed_file *f = seed_of(all.profiles[i].name);

		if (!hc_set_has(&chosen, all.profiles[i].name))
			continue;
		rc = hc_catalog_add(&cat, f->data, f->len, f->name, err);
		if (rc)
			goto out;
	}
	hc_config_init_default(&cfg, &cat, &a);

	if (mkdir(dir, 0755) && errno != EEXIST) {
		rc = hc_error_errno(err, "unable to create", dir);
		goto out;
	}
	rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0) {
		rc = hc_error_errno(err, "unable to open", dir);
		goto out;
	}
	for (size_t i = 0; i < cat.n; i++) {
		const struct hc_seed_file *f = seed_of(cat.profiles[i].name);

		snprintf(path, sizeof(path), "catalog/%s", f->name);
		rc = hc_fs_write_atomic(rootfd, path, f->data, f->len, 0644, err);
		if (rc)
			goto out;
		if (created)
			hc_buf_addf(created, "%s\n", path);
	}
	rc = hc_fs_write_atomic(rootfd, ".gitattributes", gitattributes, sizeof(gitattributes) - 1,
				0644, err);
	if (!rc)
		rc = hc_fs_write_atomic(rootfd, ".gitignore", gitignore, sizeof(gitignore) - 1, 0644, err);
	if (rc)
		goto out;
	if (created)
		hc_buf_adds(created, ".gitattributes\n.gitignore\n");
	/* hostctl.yaml last: a state exists only once it is complete. */
	hc_buf_adds(&yaml, "# hostctl state settings; see hostctl-records(5)\n");
	hc_record_encode_yaml(&hc_config_schema, &cfg, 540, &yaml);
	rc = hc_fs_write_atomic(rootfd, HC_STATE_FILE, yaml.p, yaml.len, 0644, err);
	if (!rc && created)
		hc_buf_addf(created, "%s\n", HC_STATE_FILE);
out:
	if (rootfd >= 0)
		close(rootfd);
	hc_buf_release(&yaml);
	hc_set_release(&chosen);
	hc_catalog_release(&all);
	hc_catalog_release(&cat);
	hc_arena_release(&a);
	return rc;
}

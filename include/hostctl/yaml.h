/*
 * yaml.h - a bounded, strict YAML reader built on libyaml's event API.
 *
 * hc_yaml_parse() turns one document into a tree of nodes in an arena. It
 * refuses what a state file never needs and a hostile file could abuse:
 * anchors, aliases and tags; more than one document; an empty file; keys
 * that are not plain or quoted scalars; duplicate keys; nesting deeper than
 * limits.max_depth; more nodes than limits.max_nodes; a scalar longer than
 * limits.max_scalar; invalid UTF-8 (libyaml's reader). Every error carries
 * path:line:col. Input sizes are capped by the caller (hc_store reads at
 * most HC_RECORD_MAX_BYTES).
 */
#ifndef HOSTCTL_YAML_H
#define HOSTCTL_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "hostctl/error.h"
#include "hostctl/util.h"

#define HC_RECORD_MAX_BYTES (1024 * 1024)   /* a record or catalog file */
#define HC_YAML_MAX_SCALAR (64 * 1024)
#define HC_YAML_MAX_DEPTH 16
#define HC_YAML_MAX_NODES 200000

struct hc_yaml_limits {
	size_t max_scalar;
	int max_depth;
	size_t max_nodes;
};
extern const struct hc_yaml_limits hc_yaml_default_limits;

enum hc_node_type { HC_NODE_SCALAR, HC_NODE_SEQ, HC_NODE_MAP };

/* How a plain scalar resolves under the YAML 1.2 core schema. Quoted and
 * block scalars are always HC_SCALAR_STR. */
enum hc_scalar_kind {
	HC_SCALAR_STR, HC_SCALAR_NULL, HC_SCALAR_BOOL, HC_SCALAR_INT, HC_SCALAR_FLOAT
};

struct hc_pair;

struct hc_node {
	enum hc_node_type type;
	int line, col;                 /* 1-based start of the node */
	size_t len;                    /* scalar bytes, or item / pair count */
	union {
		struct {
			const char *str;       /* NUL-terminated, in the arena */
			enum hc_scalar_kind kind;
			bool plain;
		} scalar;
		struct hc_node *items;     /* HC_NODE_SEQ: len nodes */
		struct hc_pair *pairs;     /* HC_NODE_MAP: len pairs, in file order */
	} u;
};

struct hc_pair {
	const char *key;               /* NUL-terminated, in the arena */
	int line, col;                 /* position of the key */
	struct hc_node value;
};

/*
 * Parses buf[0..len) as one YAML document. path names the file in error
 * messages. On success *root points into arena a and stays valid until the
 * arena is released. On failure returns HC_EINVALID with err's path, line
 * and col set.
 */
int hc_yaml_parse(const char *buf, size_t len, const char *path,
		  const struct hc_yaml_limits *limits, struct hc_arena *a,
		  struct hc_node **root, struct hc_error *err);

/* Resolves a plain scalar's text under the YAML 1.2 core schema. */
enum hc_scalar_kind hc_yaml_resolve(const char *s, size_t n);

/* The value of key in a mapping node, or NULL. */
const struct hc_node *hc_yaml_get(const struct hc_node *map, const char *key);

/* A short name of what a node is, for messages: "string", "integer",
 * "boolean", "null", "number", "list", "mapping". */
const char *hc_yaml_describe(const struct hc_node *n);

/*
 * Emitting. hc_yaml_quote() appends s as a YAML scalar: plain when that reads
 * back as the same string under both YAML 1.2 and YAML 1.1 resolution (so
 * "yes", "10:00", "1e3" or "" get quoted), otherwise double-quoted with
 * escapes. hc_json_quote() appends s as a JSON string.
 */
void hc_yaml_quote(struct hc_buf *out, const char *s);
void hc_json_quote(struct hc_buf *out, const char *s);

#endif

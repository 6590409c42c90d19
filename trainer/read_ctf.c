// SPDX-License-Identifier: GPL-2.0
/*
 * LID-DS recordings in LTTng's Common Trace Format: NAME/kernel/ holds the
 * kernel trace, NAME.json beside it the usual metadata.  libbabeltrace2
 * reads it: source.ctf.fs -> filter.utils.muxer (one time-ordered stream
 * out of the per-CPU channels) -> a simple sink that keeps the
 * syscall_entry_NAME / syscall_exit_NAME events (compat_ ones too: a 32-bit
 * task's calls are the same names) with the tid/pid context and ret.
 */
#include <babeltrace2/babeltrace.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "readers.h"

struct ctf_sink {
	struct recording *r;
	struct strtab *names;
	const char *why;
	int ret;
};

/* The error's root cause (index 0): the one that says what went wrong. */
static void bt_error_to(struct trace_err *err, const char *path, const char *what)
{
	const bt_error *e = bt_current_thread_take_error();
	const char *msg = "unknown error";
	uint64_t n;

	if (e) {
		n = bt_error_get_cause_count(e);
		if (n)
			msg = bt_error_cause_get_message(bt_error_borrow_cause_by_index(e, 0));
	}
	trace_errf(err, "%s: %s: %s", path, what, msg);
	if (e)
		bt_error_release(e);
}

static bool int_member(const bt_field *st, const char *name, int64_t *v)
{
	const bt_field *f;

	if (!st || bt_field_get_class_type(st) != BT_FIELD_CLASS_TYPE_STRUCTURE)
		return false;
	f = bt_field_structure_borrow_member_field_by_name_const(st, name);
	if (!f)
		return false;
	if (bt_field_class_type_is(bt_field_get_class_type(f),
				   BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
		*v = bt_field_integer_signed_get_value(f);
	else if (bt_field_class_type_is(bt_field_get_class_type(f),
					BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
		*v = (int64_t)bt_field_integer_unsigned_get_value(f);
	else
		return false;
	return true;
}

/* "syscall_entry_read" -> ENTER "read"; false for other events. */
static bool syscall_event(const char *ev, enum trace_dir *dir, const char **name)
{
	if (!strncmp(ev, "compat_", 7))
		ev += 7;
	if (!strncmp(ev, "syscall_entry_", 14)) {
		*dir = TRACE_ENTER;
		*name = ev + 14;
	} else if (!strncmp(ev, "syscall_exit_", 13)) {
		*dir = TRACE_EXIT;
		*name = ev + 13;
	} else {
		return false;
	}
	return **name;
}

static int ctf_event(struct ctf_sink *s, const bt_message *msg)
{
	const bt_event *e = bt_message_event_borrow_event_const(msg);
	const bt_field *ctx = bt_event_borrow_common_context_field_const(e);
	struct trace_event ev = { .ret = TRACE_RET_NONE };
	const bt_clock_snapshot *cs;
	const char *name;
	enum trace_dir dir;
	int64_t tid, pid, ret, ns;
	int id;

	if (!syscall_event(bt_event_class_get_name(bt_event_borrow_class_const(e)), &dir, &name))
		return 0;
	if (!int_member(ctx, "tid", &tid) || !int_member(ctx, "pid", &pid)) {
		s->why = "syscall event without tid/pid context";
		return -EINVAL;
	}
	if (!bt_message_event_borrow_stream_class_default_clock_class_const(msg)) {
		s->why = "events without a clock";
		return -EINVAL;
	}
	cs = bt_message_event_borrow_default_clock_snapshot_const(msg);
	if (bt_clock_snapshot_get_ns_from_origin(cs, &ns) || ns < 0) {
		s->why = "event time out of range";
		return -EINVAL;
	}
	if (dir == TRACE_EXIT && int_member(bt_event_borrow_payload_field_const(e), "ret", &ret))
		ev.ret = trace_ret_class(ret);
	id = strtab_intern(s->names, name, strlen(name));
	if (id < 0) {
		s->why = "too many syscall names";
		return id;
	}
	ev.ts_ns = ns;
	ev.tid = (int32_t)tid;
	ev.pid = (int32_t)pid;
	ev.name = (uint16_t)id;
	ev.dir = dir;
	return recording_push(s->r, &ev);
}

static bt_graph_simple_sink_component_consume_func_status
ctf_consume(bt_message_iterator *it, void *data)
{
	struct ctf_sink *s = data;
	bt_message_array_const msgs;
	uint64_t n, i;

	switch (bt_message_iterator_next(it, &msgs, &n)) {
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK:
		break;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_END:
		return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_END;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN:
		return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_AGAIN;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
		return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_MEMORY_ERROR;
	default:
		return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_ERROR;
	}
	for (i = 0; i < n; i++) {
		if (!s->ret && bt_message_get_type(msgs[i]) == BT_MESSAGE_TYPE_EVENT)
			s->ret = ctf_event(s, msgs[i]);
		bt_message_put_ref(msgs[i]);
	}
	return s->ret ? BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_ERROR :
			BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_OK;
}

static int add_source(bt_graph *g, const char *input, const bt_component_source **src)
{
	const bt_component_class_source *cls;
	const bt_plugin *plugin = NULL;
	bt_value *params = NULL, *inputs;
	int ret = -ENOENT;

	if (bt_plugin_find("ctf", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, &plugin) !=
	    BT_PLUGIN_FIND_STATUS_OK)
		return ret;
	ret = -ENOMEM;
	params = bt_value_map_create();
	if (!params || bt_value_map_insert_empty_array_entry(params, "inputs", &inputs) ||
	    bt_value_array_append_string_element(inputs, input))
		goto out;
	cls = bt_plugin_borrow_source_component_class_by_name_const(plugin, "fs");
	ret = -EINVAL;
	if (cls && bt_graph_add_source_component(g, cls, "src", params, BT_LOGGING_LEVEL_NONE,
						 src) == BT_GRAPH_ADD_COMPONENT_STATUS_OK)
		ret = 0;
out:
	bt_value_put_ref(params);
	bt_plugin_put_ref(plugin);
	return ret;
}

static int add_muxer(bt_graph *g, const bt_component_filter **mux)
{
	const bt_component_class_filter *cls;
	const bt_plugin *plugin = NULL;
	int ret = -ENOENT;

	if (bt_plugin_find("utils", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, &plugin) !=
	    BT_PLUGIN_FIND_STATUS_OK)
		return ret;
	cls = bt_plugin_borrow_filter_component_class_by_name_const(plugin, "muxer");
	ret = -EINVAL;
	if (cls && bt_graph_add_filter_component(g, cls, "mux", NULL, BT_LOGGING_LEVEL_NONE,
						 mux) == BT_GRAPH_ADD_COMPONENT_STATUS_OK)
		ret = 0;
	bt_plugin_put_ref(plugin);
	return ret;
}

static int build_graph(bt_graph *g, const char *input, struct ctf_sink *s)
{
	const bt_component_source *src;
	const bt_component_filter *mux;
	const bt_component_sink *sink;
	const bt_port_output *out;
	const bt_port_input *in;
	uint64_t i;
	int ret;

	ret = add_source(g, input, &src);
	if (!ret)
		ret = add_muxer(g, &mux);
	if (ret)
		return ret;
	/* the muxer grows a new input port each time one is connected */
	for (i = 0; i < bt_component_source_get_output_port_count(src); i++) {
		out = bt_component_source_borrow_output_port_by_index_const(src, i);
		in = bt_component_filter_borrow_input_port_by_index_const(mux, i);
		if (bt_graph_connect_ports(g, out, in, NULL))
			return -EINVAL;
	}
	if (bt_graph_add_simple_sink_component(g, "sink", NULL, ctf_consume, NULL, s, &sink))
		return -EINVAL;
	if (bt_graph_connect_ports(g, bt_component_filter_borrow_output_port_by_index_const(mux, 0),
				   bt_component_sink_borrow_input_port_by_index_const(sink, 0),
				   NULL))
		return -EINVAL;
	return 0;
}

int ctf_read(struct recording *r, struct strtab *names, struct trace_err *err)
{
	struct ctf_sink s = { .r = r, .names = names };
	char input[4096];
	struct stat st;
	bt_graph *g;
	int ret;

	/* LTTng puts the kernel domain in a subdirectory */
	snprintf(input, sizeof(input), "%s/kernel", r->path);
	if (stat(input, &st) || !S_ISDIR(st.st_mode))
		snprintf(input, sizeof(input), "%s", r->path);
	if (stat(input, &st)) {
		ret = -errno;
		trace_errf(err, "%s: %s", input, strerror(errno));
		return ret;
	}
	g = bt_graph_create(0);
	if (!g)
		return -ENOMEM;
	ret = build_graph(g, input, &s);
	if (ret) {
		if (ret == -ENOENT)
			trace_errf(err, "%s: babeltrace2 ctf/utils plugins not found", input);
		else
			bt_error_to(err, input, "not a readable CTF trace");
		goto out;
	}
	while ((ret = bt_graph_run(g)) == BT_GRAPH_RUN_STATUS_AGAIN)
		;
	if (s.ret) {
		trace_errf(err, "%s: event %zu: %s", input, r->nev + 1,
			   s.why ? s.why : strerror(-s.ret));
		ret = s.ret;
	} else if (ret != BT_GRAPH_RUN_STATUS_OK) {
		bt_error_to(err, input, "reading the CTF trace");
		ret = -EINVAL;
	}
out:
	bt_current_thread_clear_error();
	bt_graph_put_ref(g);
	return ret;
}

# Benchmarks: each prints "BENCH key=value" lines that scripts/bench.sh
# gathers into bench.json.

BENCHES += $(BUILD)/bench/engine_bench

$(BUILD)/bench/engine_bench: $(BUILD)/bench/engine_bench.o $(TRAINER_LIB) $(ENGINE_LIB)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(TRAINER_LIBS)

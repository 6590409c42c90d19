# Command-line tests: TAP-producing scripts that drive the built tools on
# real data, run beside the unit tests.

UNIT_TESTS += $(top)/tests/cli/train.sh $(top)/tests/cli/tools.sh $(top)/tests/cli/install.sh

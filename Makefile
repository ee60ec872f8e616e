# The two commands: `make demo` and `make test` (see README.md).
.PHONY: demo test stack-up stack-down setup

demo: ## build everything, start the local stack with demo data
	dev/run-demo

test: ## every test: static checks, web tests, Rust tests against the local stack
	dev/test

setup: ## install what builds and tests need
	dev/setup

stack-up:
	dev/stack up

stack-down:
	dev/stack down

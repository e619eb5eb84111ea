BIN = app
.PHONY: lint
lint: ## Lint the code
	golangci-lint run

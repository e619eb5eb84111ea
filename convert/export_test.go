package convert

// What the external tests (package convert_test: the fuzz tests, which
// use internal/fuzzcheck, which imports convert) share with the internal
// ones.
var (
	// E2ESeeds are FuzzConvert's seeds (e2eSeeds).
	E2ESeeds = e2eSeeds
	// CheckModel compares an evaluated output with the model of
	// process-compose's loading (checkModel).
	CheckModel = checkModel
)

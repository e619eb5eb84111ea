package makefile

// ExpandSeeds returns the Makefile fragments of expandCases, each with
// the expression expanded after it, for the fuzz test's seeds.
func ExpandSeeds() (out [][2]string) {
	for _, c := range expandCases {
		out = append(out, [2]string{c.src, c.expr})
	}
	return out
}

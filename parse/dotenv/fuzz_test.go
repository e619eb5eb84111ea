package dotenv_test

import (
	"fmt"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/fuzzcheck"
	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/dotenv"
)

func seeds() [][]byte {
	var out [][]byte
	for _, s := range []string{"A=1\nexport B='2'\nC = \"3\n4\"\n", "# x\nD=$E\n", "E='${builtins.readFile /etc/passwd}'\nF=\"''${x}\"\nG=\\${\n", "K=\"a\\rb\"\n"} {
		out = append(out, []byte(s))
	}
	return out
}

// read reads src as a .env file in dialect and lowers it, its values
// copied into the output when inline is set (--inline-env).
func read(src []byte, dialect dotenv.Dialect, inline bool) fuzzcheck.Read {
	return func() (*ir.Project, ir.Diagnostics) {
		file, d := dotenv.Read(".env", src, dialect)
		if d.HasErrors() {
			return nil, d
		}
		p, d2 := dotenv.Project([]*dotenv.File{file}, []string{".env"}, inline, "foreman")
		return p, append(d, d2...)
	}
}

// FuzzDotenv reads arbitrary bytes as a .env file in both dialects, and
// lowers its values copied into the output (--inline-env).
func FuzzDotenv(f *testing.F) {
	for _, s := range seeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, dialect := range []dotenv.Dialect{dotenv.Foreman, dotenv.Godotenv} {
			fuzzcheck.Reader(t, "reading a .env file", read(src, dialect, true), func() error {
				file, d := dotenv.Read(".env", src, dialect)
				for _, x := range d {
					if x.Pos.Line == 0 && x.ID != ir.IDDotenvLoaded {
						return fmt.Errorf("diagnostic without a line: %v", x)
					}
				}
				for _, v := range file.Vars {
					if v.Name == "" {
						return fmt.Errorf("a variable without a name")
					}
				}
				return nil
			})
		}
	})
}

// TestFuzzSeedsAgainstNix runs the real Nix parser on what FuzzDotenv
// prints for its seeds and for the inputs saved under testdata/fuzz.
func TestFuzzSeedsAgainstNix(t *testing.T) {
	var reads []fuzzcheck.Read
	for _, s := range seeds() {
		reads = append(reads, read(s, dotenv.Foreman, true), read(s, dotenv.Godotenv, true))
	}
	fuzzcheck.AgainstNix(t, reads, map[string]func([]any) fuzzcheck.Read{
		"FuzzDotenv": func(v []any) fuzzcheck.Read { return read(v[0].([]byte), dotenv.Godotenv, true) },
	})
}

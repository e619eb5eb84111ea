package procfile_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/internal/fuzzcheck"
	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/dotenv"
	"github.com/pc2devenv/pc2devenv/parse/procfile"
)

func seeds() [][]byte {
	out := goldenFiles("Procfile*")
	for _, s := range []string{"web: a $PORT\nrelease: b\n", "\ufeffw:x\r\n  y: z\n", "a: '$PORT' $PORTAL %PORT%\n", "x: PORT=1; echo $PORT\n", "w: echo '${builtins.readFile /etc/passwd}' \"''${x}\" \\${ \r\n"} {
		out = append(out, []byte(s))
	}
	return out
}

func read(src []byte) fuzzcheck.Read {
	return func() (*ir.Project, ir.Diagnostics) {
		return procfile.Read("Procfile", src, procfile.Options{Env: []dotenv.Var{{Name: "K", Value: "a;b"}}})
	}
}

// FuzzProcfile reads arbitrary bytes as a Procfile; each process it
// reads must be a line of the source.
func FuzzProcfile(f *testing.F) {
	for _, s := range seeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fuzzcheck.Reader(t, "reading a Procfile", read(src), func() error {
			p, d := read(src)()
			for _, x := range d {
				if x.Severity == ir.Error && x.Pos.Line == 0 {
					return fmt.Errorf("error without a line: %v", x)
				}
			}
			if d.HasErrors() {
				return nil
			}
			for _, proc := range p.Processes {
				if !strings.Contains(string(src), proc.Name+":") || !strings.Contains(string(src), proc.Command.Shell()) {
					return fmt.Errorf("process %q with command %q is not in the source", proc.Name, proc.Command.Shell())
				}
			}
			return nil
		})
	})
}

// TestFuzzSeedsAgainstNix runs the real Nix parser on what FuzzProcfile
// prints for its seeds and for the inputs saved under testdata/fuzz.
func TestFuzzSeedsAgainstNix(t *testing.T) {
	var reads []fuzzcheck.Read
	for _, s := range seeds() {
		reads = append(reads, read(s))
	}
	fuzzcheck.AgainstNix(t, reads, map[string]func([]any) fuzzcheck.Read{
		"FuzzProcfile": func(v []any) fuzzcheck.Read { return read(v[0].([]byte)) },
	})
}

// goldenFiles returns the contents of the golden cases' files whose names
// match pattern.
func goldenFiles(pattern string) [][]byte {
	var out [][]byte
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*", pattern))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	return out
}

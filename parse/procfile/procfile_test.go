package procfile

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/internal/foremanlib"
	"github.com/pc2devenv/pc2devenv/internal/golden"
	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/dotenv"
)

// procSummary is what a test checks of a converted process.
type procSummary struct {
	Name, Command string
	Env           []string // NAME=VALUE, with "@port" after an allocated one
	Allocate      int
	Disabled      bool
}

func summarize(p *ir.Project) (procs []procSummary, tasks []string) {
	for _, proc := range p.Processes {
		s := procSummary{Name: proc.Name, Command: proc.Command.Shell(), Disabled: proc.Disabled.Val}
		for _, v := range proc.Env {
			e := v.Name + "=" + v.Value.Shell()
			if v.Port != "" {
				e += "@" + v.Port
			}
			s.Env = append(s.Env, e)
		}
		for _, port := range proc.Ports {
			s.Allocate = port.Allocate
		}
		procs = append(procs, s)
	}
	for _, t := range p.Tasks {
		tasks = append(tasks, t.Name+": "+t.Exec.Shell())
	}
	return procs, tasks
}

func ids(d ir.Diagnostics) []string {
	var out []string
	for _, x := range d {
		out = append(out, string(x.ID)+"@"+strings.TrimPrefix(x.Pos.String(), "Procfile"))
	}
	return out
}

func TestProcfile(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		src   string
		opts  Options
		procs []procSummary
		tasks []string
		diags []string // ID@:line:col, notes included
	}{
		{
			name: "ports count every entry",
			src:  "web: rails s -p $PORT\n# worker: off\nworker: sidekiq\nrelease: rake db:migrate\napi: node ${PORT:-80}\n",
			procs: []procSummary{
				{Name: "web", Command: "rails s -p $PORT", Env: []string{"PORT=5000@http"}, Allocate: 5000},
				{Name: "worker", Command: "sidekiq", Env: []string{"PORT=5100"}},
				{Name: "api", Command: "node ${PORT:-80}", Env: []string{"PORT=5300@http"}, Allocate: 5300},
			},
			tasks: []string{"procfile:release: rake db:migrate"},
			diags: []string{"PC309@", "PC310@:1:1", "PC307@:4:1"},
		},
		{
			name:  "base from .env",
			src:   "web: x $PORT\n",
			opts:  Options{Env: []dotenv.Var{{Name: "PORT", Value: "1234"}}},
			procs: []procSummary{{Name: "web", Command: "x $PORT", Env: []string{"PORT=1234@http"}, Allocate: 1234}},
			diags: []string{"PC309@", "PC310@:1:1"},
		},
		{
			name:  "--port-base wins over .env",
			src:   "web: x\nw2: y\n",
			opts:  Options{PortBase: 3000, Env: []dotenv.Var{{Name: "PORT", Value: "1234"}}},
			procs: []procSummary{{Name: "web", Command: "x", Env: []string{"PORT=3000"}}, {Name: "w2", Command: "y", Env: []string{"PORT=3100"}}},
			diags: []string{"PC309@", "PC310@:1:1"},
		},
		{
			name:  "a .env PORT that is no number",
			src:   "web: x\n",
			opts:  Options{Env: []dotenv.Var{{Name: "PORT", Value: "abc", Pos: ir.Pos{File: ".env", Line: 3, Col: 1}}}},
			procs: []procSummary{{Name: "web", Command: "x", Env: []string{"PORT=5000"}}},
			diags: []string{"PC313@.env:3:1", "PC309@", "PC310@:1:1"},
		},
		{
			name: "inline PORT wins, and nothing is allocated",
			src:  "web: PORT=3000 rails s -p $PORT\nenv: env -i PORT=4 x\n",
			procs: []procSummary{
				{Name: "web", Command: "PORT=3000 rails s -p $PORT", Env: []string{"PORT=5000"}},
				{Name: "env", Command: "env -i PORT=4 x", Env: []string{"PORT=5100"}},
			},
			diags: []string{"PC309@", "PC310@:1:1", "PC311@:1:6", "PC311@:2:6"},
		},
		{
			name:  "PS when the command uses it",
			src:   "web: echo $PS ${PS}\n",
			procs: []procSummary{{Name: "web", Command: "echo $PS ${PS}", Env: []string{"PORT=5000", "PS=web.1"}}},
			diags: []string{"PC309@", "PC310@:1:1"},
		},
		{
			name:  "CRLF, no space after the colon, trailing space kept",
			src:   "web:rails s \r\nworker:  sidekiq\r\n",
			procs: []procSummary{{Name: "web", Command: "rails s ", Env: []string{"PORT=5000"}}, {Name: "worker", Command: "sidekiq", Env: []string{"PORT=5100"}}},
			diags: []string{"PC309@", "PC310@:1:1", "PC305@:1:5"},
		},
		{
			name:  "lines that are not entries",
			src:   "\ufeffweb: a\n  idx: b\nweb.x: c\nno colon\nempty:\nblank:   \nlast: d \\\n  more\n",
			procs: []procSummary{{Name: "web", Command: "a", Env: []string{"PORT=5000"}}, {Name: "last", Command: `d \`, Env: []string{"PORT=5200"}}},
			diags: []string{"PC309@", "PC306@:1:1", "PC310@:1:1", "PC301@:2:1", "PC300@:3:1", "PC300@:4:1", "PC304@:5:1", "PC304@:6:1", "PC300@:8:1"},
		},
		{
			name:  "duplicates",
			src:   "web: a\nweb: b\n",
			diags: []string{"PC302@:2:1"},
		},
		{
			name:  "no entries",
			src:   "# web: a\n\n",
			diags: []string{"PC303@:1:1"},
		},
		{
			name:  "cmd.exe syntax",
			src:   "web: python manage.py runserver %PORT%\ndate: date +%Y%m%d\n",
			procs: []procSummary{{Name: "web", Command: "python manage.py runserver %PORT%", Env: []string{"PORT=5000@http"}, Allocate: 5000, Disabled: true}, {Name: "date", Command: "date +%Y%m%d", Env: []string{"PORT=5100"}}},
			diags: []string{"PC309@", "PC310@:1:1", "PC308@:1:6"},
		},
		{
			name:  "Windows variant",
			file:  "Procfile.windows",
			src:   "web: bin\\web.exe\nworker: celery worker\n",
			procs: []procSummary{{Name: "web", Command: `bin\web.exe`, Env: []string{"PORT=5000"}, Disabled: true}, {Name: "worker", Command: "celery worker", Env: []string{"PORT=5100"}}},
			diags: []string{"PC308@.windows", "PC309@.windows", "PC310@.windows:1:1", "PC308@.windows:1:6"},
		},
		{
			name:  "foreman's substitution",
			src:   "web: echo '$PORT' $PORTAL $TOKEN ${PORT}\n",
			opts:  Options{Env: []dotenv.Var{{Name: "TOKEN", Value: "a|b"}}},
			procs: []procSummary{{Name: "web", Command: "echo '$PORT' $PORTAL $TOKEN ${PORT}", Env: []string{"PORT=5000@http"}, Allocate: 5000}},
			diags: []string{"PC309@", "PC310@:1:1", "PC314@:1:6", "PC314@:1:6", "PC314@:1:6"},
		},
		{
			name:  "a nested runner",
			src:   "web: bundle exec foreman start -f Procfile.heroku\n",
			procs: []procSummary{{Name: "web", Command: "bundle exec foreman start -f Procfile.heroku", Env: []string{"PORT=5000"}}},
			diags: []string{"PC309@", "PC310@:1:1", "PC316@:1:6"},
		},
		{
			name:  "a port beyond 65535",
			src:   "a: x $PORT\nb: y $PORT\n",
			opts:  Options{PortBase: 65500},
			procs: []procSummary{{Name: "a", Command: "x $PORT", Env: []string{"PORT=65500@http"}, Allocate: 65500}, {Name: "b", Command: "y $PORT", Env: []string{"PORT=65600"}}},
			diags: []string{"PC309@", "PC310@:1:1", "PC312@:2:1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "Procfile"
			}
			p, d := Read(file, []byte(tt.src), tt.opts)
			procs, tasks := summarize(p)
			if diff := cmp.Diff(tt.procs, procs); diff != "" {
				t.Errorf("processes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.tasks, tasks); diff != "" {
				t.Errorf("tasks (-want +got):\n%s", diff)
			}
			d.Sort()
			got := ids(d)
			for i := range got {
				got[i] = strings.Replace(got[i], "@"+file, "@"+strings.TrimPrefix(file, "Procfile"), 1)
			}
			if diff := cmp.Diff(tt.diags, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s\n%v", diff, d)
			}
		})
	}
}

func TestProcfileComments(t *testing.T) {
	p, _ := Read("Procfile", []byte("#\n# Web server\n#\nweb: a\n\n# detached\n\nworker: b\n"), Options{})
	if got := p.Processes[0].Comments; !slices.Equal(got, []string{"Web server"}) {
		t.Errorf("web's comments are %q", got)
	}
	if got := p.Processes[1].Comments; len(got) != 0 {
		t.Errorf("a comment separated by a blank line was attached: %q", got)
	}
}

func TestRubyToI(t *testing.T) {
	for _, tt := range []struct {
		in    string
		n     int
		clean bool
	}{
		{"3000", 3000, true}, {" 3000", 3000, false}, {"3000abc", 3000, false}, {"abc", 0, false},
		{"", 0, false}, {"-1", -1, false}, {"+80", 80, false}, {"99999999999999", 9999999999, false},
	} {
		n, clean := rubyToI(tt.in)
		if n != tt.n && !(tt.n > 1e9 && n > 1e9) || clean != tt.clean {
			t.Errorf("rubyToI(%q) = %d, %t; want %d, %t", tt.in, n, clean, tt.n, tt.clean)
		}
	}
}

// procfileInputs are Procfiles to read both with foreman's own parser and
// with Procfile: edge cases, the golden cases' and the corpus's.
func procfileInputs(t *testing.T) map[string][]byte {
	in := map[string][]byte{
		"colons":      []byte("web: gunicorn app:app --bind 0.0.0.0:$PORT\n"),
		"no space":    []byte("web:cmd\nworker:\tsidekiq\n"),
		"crlf":        []byte("web: a\r\nworker: b \r\n"),
		"cr in line":  []byte("web: a\rb\n"),
		"blank cmd":   []byte("web:   \nx: y\n"),
		"indented":    []byte(" web: a\n\tw: b\nok: c\n"),
		"bad names":   []byte("web.1: a\nmy app: b\n: c\n-x-: d\n_: e\n"),
		"hash":        []byte("#web: a\nweb: b # comment\n"),
		"unicode":     []byte("web: echo héllo ✓\nwéb: x\n"),
		"tabs":        []byte("web:\t\tcmd\t\n"),
		"form feed":   []byte("web:\fcmd\nw2:\vcmd2\n"),
		"no newline":  []byte("web: a"),
		"backslashes": []byte("web: a \\\n  b\n"),
	}
	cases, err := golden.List("../../testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		for _, f := range c.Files {
			if strings.HasPrefix(c.Name, "procfile-") && strings.HasPrefix(f.Name, "Procfile") {
				in[c.Name+"/"+f.Name] = f.Data
			}
		}
	}
	files, _ := filepath.Glob("../../../shared/corpus/procfile/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in[f] = b
	}
	return in
}

// TestProcfileMatchesForeman reads Procfiles with foreman's own parser
// (Foreman::Procfile) and checks that the conversion has exactly its
// entries: the same names and byte-identical commands.
func TestProcfileMatchesForeman(t *testing.T) {
	inputs := procfileInputs(t)
	dir := t.TempDir()
	var files []string
	names := map[string]string{}
	for name, src := range inputs {
		if strings.HasPrefix(string(src), "\ufeff") {
			continue // foreman does not read the first entry; tested in TestProcfile
		}
		f := filepath.Join(dir, fmt.Sprint(len(files)))
		if err := os.WriteFile(f, src, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		names[f] = name
	}
	var all map[string][][2]string
	out := foremanlib.Ruby(t, `r = {}; ARGV.each { |f| a = []; Foreman::Procfile.new(f).entries { |n, c| a << [n, c] }; r[f] = a }; puts r.to_json`, files...)
	if err := json.Unmarshal(out, &all); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := names[f]
		t.Run(filepath.Base(name), func(t *testing.T) {
			p, d := Read("Procfile", inputs[name], Options{})
			if d.HasErrors() {
				for _, x := range d {
					if x.ID != ir.IDProcfileDuplicate && x.ID != ir.IDProcfileEmpty {
						t.Fatalf("error: %v", x)
					}
				}
				return
			}
			var want, got [][2]string
			for _, e := range all[f] {
				if strings.TrimSpace(e[1]) != "" {
					want = append(want, e)
				}
			}
			for _, proc := range p.Processes {
				got = append(got, [2]string{proc.Name, proc.Command.Shell()})
			}
			for _, task := range p.Tasks {
				got = append(got, [2]string{"release", task.Exec.Shell()})
			}
			sortEntries := func(a, b [2]string) int { return strings.Compare(a[0], b[0]) }
			slices.SortFunc(want, sortEntries)
			slices.SortFunc(got, sortEntries)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("entries (-foreman +pc2devenv):\n%s", diff)
			}
		})
	}
}

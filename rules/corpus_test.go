package rules

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pc2devenv/pc2devenv/ir"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

const corpusDir = "../../shared/corpus"

// procfileLine is a Procfile process line: "name: command".
var procfileLine = regexp.MustCompile(`^([A-Za-z0-9_.-]+):[ \t]*(.*)$`)

// corpusProjects reads the corpus: every process-compose file with its
// reader, and every Procfile's command lines directly (the Procfile reader
// lives elsewhere), so that the rules see every corpus process.
func corpusProjects(t *testing.T) map[string]*ir.Project {
	t.Helper()
	out := map[string]*ir.Project{}
	pcs, _ := filepath.Glob(filepath.Join(corpusDir, "process-compose", "*"))
	procfiles, _ := filepath.Glob(filepath.Join(corpusDir, "procfile", "*"))
	if len(pcs) == 0 || len(procfiles) == 0 {
		t.Skipf("corpus not available at %s", corpusDir)
	}
	for _, f := range pcs {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := processcompose.Read(filepath.Base(f), src)
		if p != nil {
			out["process-compose/"+filepath.Base(f)] = p
		}
	}
	for _, f := range procfiles {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := &ir.Project{}
		sc := bufio.NewScanner(bytes.NewReader(src))
		for line := 1; sc.Scan(); line++ {
			m := procfileLine.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			pos := ir.Pos{File: filepath.Base(f), Line: line, Col: 1}
			p.Processes = append(p.Processes, &ir.Process{Name: m[1], Pos: pos, Command: ir.Plain(strings.TrimSpace(m[2]), pos)})
		}
		out["procfile/"+filepath.Base(f)] = p
	}
	return out
}

// TestCorpus runs the rules over every process of the corpus, checks the
// decisions a reader of each file agrees with, and logs how many
// processes became which service and which rules almost fired.
func TestCorpus(t *testing.T) {
	projects := corpusProjects(t)
	// The decisions, by "file process": the service a process becomes,
	// or "" for one that stays a process although a rule (almost) fired.
	want := map[string]string{
		"process-compose/BemiHQ__Bordly__process-compose.yaml postgresql":                           "services.postgres",
		"process-compose/BemiHQ__Bordly__process-compose.yaml minio":                                "services.minio",
		"process-compose/BemiHQ__bemi-django-example__process-compose.yaml postgresql-source":       "services.postgres",
		"process-compose/BemiHQ__bemi-prisma-example__process-compose.yaml postgresql-source":       "services.postgres",
		"process-compose/Easy-Rad__easy_ris__process-compose.yaml postgresql":                       "services.postgres",
		"process-compose/Laged__nix-ts-map__process-compose.yml clickhouse":                         "services.clickhouse",
		"process-compose/Flomp__wanderer__process-compose.yml meilisearch":                          "services.meilisearch",
		"process-compose/EspressoSystems__Push-CDN__process-compose.yaml redis":                     "",
		"process-compose/EspressoSystems__espresso-sequencer__process-compose.yaml sequencer-db-0":  "",
		"process-compose/EspressoSystems__espresso-sequencer__process-compose.yaml demo-l1-network": "",
		"process-compose/GreptimeTeam__testbed__process-compose.yml postgres":                       "",
		"process-compose/GreptimeTeam__testbed__process-compose.yml garage":                         "",
		"process-compose/F1bonacc1__ha-store__process-compose.yaml nats-cluster-node":               "",
		"process-compose/F1bonacc1__process-compose__process-compose.override.yaml nginx":           "",
		"process-compose/Olyxz16__go-chi-oauth-psql__process-compose.yaml postgres":                 "",
		"process-compose/MercuryTechnologies__locally-euclidean__process-compose.yaml postgres":     "",
		"process-compose/Lagoja__rabbitmq-repro__process-compose.yaml rabbitmq":                     "",
		"process-compose/charbonnierg__overnats__devbox.d__process-compose.yml nats-server":         "",
		"process-compose/dwhitacre__tm-api__process-compose.yml db":                                 "",
		"procfile/basecamp__once-campfire__Procfile redis":                                          "",
	}
	got := map[string]string{}
	converted := map[string]int{}
	var lines []string
	total := map[string]int{}
	for _, name := range sortedKeys(projects) {
		p := projects[name]
		kind, _, _ := strings.Cut(name, "/")
		total[kind] += len(p.Processes)
		res := Apply(p, Options{})
		for _, e := range res.Explanations {
			key := name + " " + e.Process
			if e.Converted {
				got[key] = e.Service
				converted[kind+" "+e.Service]++
			} else {
				got[key] = ""
			}
			decision := e.Decision
			if e.Converted {
				decision = "converted to " + e.Service
			}
			lines = append(lines, fmt.Sprintf("%s %s (%s): %s", name, e.Process, e.Evidence, decision))
		}
	}
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("%s: no rule fired or almost fired", k)
		case g != w:
			t.Errorf("%s: became %q, want %q", k, g, w)
		}
	}
	t.Logf("processes: %d process-compose, %d Procfile", total["process-compose"], total["procfile"])
	for _, k := range sortedKeys(converted) {
		t.Logf("converted: %s: %d", k, converted[k])
	}
	for _, l := range lines {
		t.Log(l)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

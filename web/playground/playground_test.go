// Package playground tests the browser playground: the site that
// scripts/build-playground.sh builds, in headless Chromium.
package playground

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"encoding/base64"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v4"

	"github.com/pc2devenv/pc2devenv/convert"
	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/rules"
)

const repoRoot = "../.."

// A pageCase is a page load: the fragment of its URL, and the conversion
// it must show.
type pageCase struct {
	name     string
	fragment string
	file     string // the sample, relative to examples
	opts     convert.Options
}

// TestPlaygroundInBrowser builds the playground with the script the
// GitHub Pages workflow runs, serves it, and loads it in headless Chromium
// with URL fragments that hold a sample and the choices: the page must
// show what convert.Files, the pipeline the command line runs, gives for
// the same input, and a diagnostic's link must select its line of the
// input. Chromium prints the page's DOM once its virtual time has run out
// (--dump-dom --virtual-time-budget), which waits for the page's fetches;
// the page marks its state in the DOM (see playground.js).
func TestPlaygroundInBrowser(t *testing.T) {
	chromium := findChromium(t)
	if testing.Short() {
		t.Skip("builds the playground and runs Chromium")
	}
	readInputs(t)
	site := t.TempDir()
	build := exec.Command("bash", filepath.Join(repoRoot, "scripts", "build-playground.sh"), site)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("scripts/build-playground.sh: %v\n%s", err, out)
	}
	logSize(t, filepath.Join(site, "pc2devenv.wasm"))
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()

	basic := readExample(t, "process-compose/process-compose.yml")
	cases := []pageCase{
		{"text in the fragment", "name=process-compose.yml&keep=redis&z=" + deflate(t, basic), "process-compose/process-compose.yml", convert.Options{Services: rules.Options{Keep: []string{"redis"}}}},
		{"procfile sample", "sample=procfile&target=devenv1", "procfile/Procfile", convert.Options{Target: emit.Devenv1}},
		{"makefile sample", "sample=makefile&ns=1&target=devenv2-process-compose", "makefile/Makefile", convert.Options{Target: emit.Devenv2ProcessCompose, Services: rules.Options{Off: true}}},
	}
	pages := make([]*page, len(cases))
	var wg sync.WaitGroup
	for i, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pages[i] = load(t, chromium, srv.URL+"/#"+c.fragment)
		}()
	}
	wg.Wait()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := pages[i]
			if p == nil {
				t.Fatal("the page did not load")
			}
			checkConversion(t, p, c.file, c.opts)
		})
	}

	// The first case's diagnostic at line 5 (the script that
	// services.postgres replaces) links to a page that selects the line.
	first := pages[0]
	if first == nil {
		return
	}
	href := first.linkTo(t, 5)
	if !strings.HasPrefix(href, "#") || !strings.Contains(href, "line=5") {
		t.Fatalf("the link of line 5 is %q", href)
	}
	linked := load(t, chromium, srv.URL+"/"+href)
	checkConversion(t, linked, cases[0].file, cases[0].opts)
	start, end := linked.selection(t)
	lines := strings.Split(basic, "\n")
	if got := basic[start:end]; got != lines[4] {
		t.Errorf("the link of line 5 selects %q, not line 5, %q", got, lines[4])
	}
	if got := linked.currentGutterLine(); got != "5" {
		t.Errorf("the gutter marks line %q, not 5", got)
	}
	if want := "process-compose.yml:5: " + lines[4]; linked.text("current") != want {
		t.Errorf("the current line reads %q, want %q", linked.text("current"), want)
	}
	// The permalink, which the page compressed itself, gives the page
	// back without the selection.
	if perma := linked.attr(`id="permalink"`, "href"); perma == href || strings.Contains(perma, "line=") {
		t.Errorf("the permalink %q keeps the selection of %q", perma, href)
	}
}

// readInputs reads the files the build script makes the site of that
// are not Go packages the test imports, so that go test's cache, which
// knows only the files the test opens, runs the test again when one
// changes.
func readInputs(t *testing.T) {
	for _, pattern := range []string{"*.html", "*.js", "*.css", "wasm/*.go", "../../scripts/build-playground.sh"} {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no files (%v)", pattern, err)
		}
		for _, f := range files {
			if _, err := os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// findChromium returns the path of Chromium, or skips the test.
func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("Chromium is not installed (Debian: apt-get install chromium); .ci/run installs it")
	return ""
}

// logSize logs the size of the WebAssembly module, as served and gzipped.
func logSize(t *testing.T, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(b)
	w.Close()
	t.Logf("pc2devenv.wasm: %.1f MB, %.1f MB gzipped", float64(len(b))/1e6, float64(z.Len())/1e6)
}

// readExample reads a file of the README's examples, the samples.
func readExample(t *testing.T, name string) string {
	b, err := os.ReadFile(filepath.Join(repoRoot, "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// deflate returns text as the page's z parameter holds it: deflate-raw,
// in base64url without padding.
func deflate(t *testing.T, text string) string {
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(text))
	w.Close()
	return url.QueryEscape(base64.RawURLEncoding.EncodeToString(b.Bytes()))
}

// checkConversion checks that a page shows the conversion of the sample
// file with opts, as convert.Files gives it: the output, and every
// diagnostic.
func checkConversion(t *testing.T, p *page, file string, opts convert.Options) {
	t.Helper()
	name := filepath.Base(file)
	res := convert.Files([]convert.File{{Name: name, Content: []byte(readExample(t, file))}}, opts)
	if res.Output == nil {
		t.Fatalf("%s does not convert: %v", file, res.Diagnostics)
	}
	if got := p.text("output"); got != string(res.Output) {
		t.Errorf("the page shows another devenv.nix (-convert +page):\n%s", cmp.Diff(string(res.Output), got))
	}
	var want []string
	for _, d := range res.Diagnostics {
		want = append(want, d.String())
	}
	if d := cmp.Diff(want, p.diagnostics()); d != "" {
		t.Errorf("the page shows other diagnostics (-convert +page):\n%s", d)
	}
}

// A page is the DOM of a loaded page, as Chromium printed it.
type page struct {
	dom string
}

// load loads url in headless Chromium and returns the page once it has
// shown a conversion and made its links.
func load(t *testing.T, chromium, url string) *page {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(),
		"--dump-dom", "--virtual-time-budget=60000", url)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Errorf("chromium %s: %v\n%s", url, err, tail(stderr.String()))
		return nil
	}
	p := &page{dom: stdout.String()}
	body := p.attrs("<body")
	if body["data-state"] != "converted" || body["data-link"] != "ready" {
		t.Errorf("%s: the page shows no conversion (status %q):\n%s\n%s", url, p.text("status"), p.dom, tail(stderr.String()))
		return nil
	}
	if ms, err := strconv.Atoi(body["data-first-result"]); err == nil {
		t.Logf("%s: first result %d ms of the page's virtual time after it started loading", url, ms)
	}
	return p
}

// tail returns the last lines of Chromium's standard error, without its
// complaints about D-Bus, which a test machine does not have.
func tail(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(l, "dbus") && l != "" {
			keep = append(keep, l)
		}
	}
	if len(keep) > 20 {
		keep = keep[len(keep)-20:]
	}
	return strings.Join(keep, "\n")
}

var attrRE = regexp.MustCompile(`([a-z-]+)="([^"]*)"`)

// attrs returns the attributes of the first tag that starts with start.
func (p *page) attrs(start string) map[string]string {
	i := strings.Index(p.dom, start)
	if i < 0 {
		return nil
	}
	tag := p.dom[i:]
	tag = tag[:strings.IndexByte(tag, '>')]
	m := map[string]string{}
	for _, a := range attrRE.FindAllStringSubmatch(tag, -1) {
		m[a[1]] = html.UnescapeString(a[2])
	}
	return m
}

// attr returns an attribute of the first tag that holds marker.
func (p *page) attr(marker, name string) string {
	i := strings.Index(p.dom, marker)
	if i < 0 {
		return ""
	}
	return p.attrs(p.dom[strings.LastIndexByte(p.dom[:i], '<'):i])[name]
}

// text returns the text of the element with the id, without tags.
func (p *page) text(id string) string {
	re := regexp.MustCompile(`(?s)<(\w+) id="` + id + `"[^>]*>(.*?)</(\w+)>`)
	m := re.FindStringSubmatch(p.dom)
	if m == nil {
		return ""
	}
	return plain(m[2])
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

func plain(h string) string { return html.UnescapeString(tagRE.ReplaceAllString(h, "")) }

// diagnostics returns the diagnostics the page lists, as text.
func (p *page) diagnostics() []string {
	m := regexp.MustCompile(`(?s)<ul id="diagnostics">(.*?)</ul>`).FindStringSubmatch(p.dom)
	if m == nil {
		return nil
	}
	var out []string
	for _, li := range regexp.MustCompile(`(?s)<li[^>]*>(.*?)</li>`).FindAllStringSubmatch(m[1], -1) {
		out = append(out, plain(li[1]))
	}
	return out
}

// linkTo returns the href of the diagnostics' link to line n.
func (p *page) linkTo(t *testing.T, n int) string {
	a := p.attr(fmt.Sprintf(`data-line="%d"`, n), "href")
	if a == "" {
		t.Fatalf("no diagnostic links to line %d:\n%s", n, p.dom)
	}
	return a
}

// selection returns the offsets of the input's selection.
func (p *page) selection(t *testing.T) (start, end int) {
	sel := p.attrs(`<textarea id="input"`)["data-selection"]
	if _, err := fmt.Sscanf(sel, "%d,%d", &start, &end); err != nil {
		t.Fatalf("the input has no selection (%q): %v", sel, err)
	}
	return start, end
}

// currentGutterLine returns the number the gutter marks as current.
func (p *page) currentGutterLine() string {
	m := regexp.MustCompile(`<span class="current">(\d+)</span>`).FindStringSubmatch(p.dom)
	if m == nil {
		return ""
	}
	return m[1]
}

// TestPagesWorkflow checks that the GitHub Pages workflow builds the site
// with the script the browser test builds it with, and publishes what the
// script wrote.
func TestPagesWorkflow(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", "pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatal(err)
	}
	var site, uploaded string
	for _, s := range wf.Jobs["build"].Steps {
		if dir, ok := strings.CutPrefix(s.Run, "scripts/build-playground.sh "); ok {
			site = strings.TrimSpace(dir)
		}
		if strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") {
			uploaded = s.With["path"]
		}
	}
	if site == "" || site != uploaded {
		t.Errorf("the build job builds the site into %q with scripts/build-playground.sh and uploads %q", site, uploaded)
	}
}

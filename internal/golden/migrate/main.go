// Command migrate turns the golden case directories of the old layout
// into txtar archives (see package golden), and deletes the directories:
//
//	go run ./internal/golden/migrate testdata/golden
//
// A directory NAME/ holds the project's files, an optional "args" file
// (settings: paths, flags, targets), an optional "behaviour" file (env
// lines) and the expected outputs T.nix, T.diag and T.explain beside the
// sources; it becomes NAME.txtar, whose comment holds the lines of args
// and behaviour, and which stores a target's outputs only where they
// differ from devenv2's. A ".gitattributes" of the case is dropped:
// testdata/golden/.gitattributes keeps git from changing any archive's
// line endings. Archives already there are left alone, so the program
// can run again after cases of the old layout were added.
//
// A directory beside the archive of the same name, as a merge leaves when
// another branch changed files of a case this one turned into an archive
// (git keeps the changed files, in the directory), is merged into it: the
// archive is written out in the old layout, the directory's files replace
// those of the same name, and the result becomes the archive. Run the
// golden test with PC2DEVENV_UPDATE=1 after it, for expected outputs that
// the other branch deleted.
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/internal/golden"
)

// gitattributes is testdata/golden/.gitattributes: archives hold their
// files' bytes exactly, carriage returns included.
const gitattributes = "# The archives hold their files' bytes exactly, carriage returns included.\n*.txtar -text\n"

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/golden/migrate DIR")
		os.Exit(2)
	}
	if err := migrateAll(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "migrate:", err)
		os.Exit(1)
	}
}

func migrateAll(root string) error {
	entries, err := os.ReadDir(root)
	if err != nil {
		return err
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		file := dir + ".txtar"
		if _, err := os.Stat(file); err == nil {
			merged, err := overlay(file, dir)
			if err != nil {
				return err
			}
			defer os.RemoveAll(merged)
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
			if err := os.Rename(merged, dir); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "migrate: merged %s into %s\n", dir, file)
		}
		b, err := migrate(dir)
		if err != nil {
			return err
		}
		// Check the archive reads back as the directory held it.
		if err := verify(dir, file, b); err != nil {
			return err
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			return err
		}
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		n++
	}
	ga := filepath.Join(root, ".gitattributes")
	if old, err := os.ReadFile(ga); err != nil || string(old) != gitattributes {
		if err := os.WriteFile(ga, []byte(gitattributes), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "migrate: %d case directories turned into archives\n", n)
	return nil
}

// overlay returns a new directory holding the case of the archive file
// in the old layout, with the files of dir in place of those of the same
// name.
func overlay(file, dir string) (string, error) {
	c, err := golden.Load(file)
	if err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".merge-")
	if err != nil {
		return "", err
	}
	if err := c.WriteDir(tmp); err != nil {
		return "", err
	}
	names, data, err := caseFiles(dir)
	if err != nil {
		return "", err
	}
	for _, name := range names {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, data[name], 0o644); err != nil {
			return "", err
		}
	}
	return tmp, nil
}

// caseFiles returns the files of the case directory dir, by relative
// slash-separated name, in lexical order of their paths.
func caseFiles(dir string) (names []string, data map[string][]byte, err error) {
	data = map[string][]byte{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == ".gitattributes" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		names = append(names, rel)
		data[rel] = b
		return nil
	})
	return names, data, err
}

// migrate returns the archive of the case directory dir.
func migrate(dir string) ([]byte, error) {
	names, data, err := caseFiles(dir)
	if err != nil {
		return nil, err
	}
	var comment bytes.Buffer
	for _, meta := range []string{"args", "behaviour"} {
		if b, ok := data[meta]; ok {
			comment.Write(b)
			if len(b) > 0 && !bytes.HasSuffix(b, []byte("\n")) {
				comment.WriteByte('\n')
			}
		}
	}
	var files []txtar.File
	var quoted []string
	for _, name := range names {
		if name == "args" || name == "behaviour" || golden.IsOutput(name) {
			continue
		}
		d := data[name]
		if golden.NeedsQuote(d) {
			quoted = append(quoted, name)
			d = []byte(strconv.Quote(string(d)) + "\n")
		}
		files = append(files, txtar.File{Name: name, Data: d})
	}
	if len(quoted) > 0 {
		fmt.Fprintf(&comment, "unquote: %s\n", strings.Join(quoted, " "))
	}
	c, err := golden.Parse(dir+".txtar", txtar.Format(&txtar.Archive{Comment: comment.Bytes(), Files: files}))
	if err != nil {
		return nil, err
	}
	explain := slices.Contains(c.Flags, "--explain")
	for _, name := range names {
		if golden.IsOutput(name) && !slices.ContainsFunc(c.Targets, func(tg emit.Target) bool { return strings.HasPrefix(name, tg.String()+".") }) {
			return nil, fmt.Errorf("%s/%s: an expected output for a target the case does not convert for", dir, name)
		}
	}
	for _, tg := range c.Targets {
		for _, ext := range golden.Exts {
			if ext == ".explain" && !explain {
				continue
			}
			b, ok := data[tg.String()+ext]
			c.Set(tg, ext, b, ok)
		}
	}
	return c.Format()
}

// verify checks that the archive b of the case directory dir gives back
// every file of the directory, and every expected output, exactly.
func verify(dir, file string, b []byte) error {
	c, err := golden.Parse(file, b)
	if err != nil {
		return err
	}
	names, data, err := caseFiles(dir)
	if err != nil {
		return err
	}
	for _, name := range names {
		if name == "args" || name == "behaviour" {
			continue
		}
		var got []byte
		var ok bool
		if golden.IsOutput(name) {
			tg, _ := emit.ParseTarget(strings.TrimSuffix(name, filepath.Ext(name)))
			got, ok = c.Want(tg, filepath.Ext(name))
		} else {
			got, ok = c.File(name)
		}
		if !ok || !bytes.Equal(got, data[name]) {
			return fmt.Errorf("%s: the archive does not give back %s", dir, name)
		}
	}
	for _, tg := range c.Targets {
		for _, ext := range golden.Exts {
			if _, ok := c.Want(tg, ext); ok {
				if _, there := data[tg.String()+ext]; !there {
					return fmt.Errorf("%s: the archive expects %s%s, which the directory does not hold", dir, tg, ext)
				}
			}
		}
	}
	return nil
}

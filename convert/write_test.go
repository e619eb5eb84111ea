package convert

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pc2devenv/pc2devenv/emit"
)

var (
	generatedOld = []byte(emit.Header([]string{"process-compose.yml"}) + "\n{ processes.old.exec = \"old\"; }\n")
	generatedNew = []byte(emit.Header([]string{"process-compose.yml"}) + "\n{ processes.new.exec = \"new\"; }\n")
	handWritten  = []byte("{ pkgs, ... }: { packages = [ pkgs.git ]; }\n")
	past         = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
)

// writeOld writes content to a new file with mode and an old mtime.
func writeOld(t *testing.T, content []byte, mode fs.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "devenv.nix")
	if err := os.WriteFile(path, content, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, past, past); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkFile checks the content of path, and that nothing else is in its
// directory (no temporary file left behind).
func checkFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s holds %q, want %q", path, got, want)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(path) {
			t.Errorf("%s left behind", e.Name())
		}
	}
}

// newFileMode is the mode os.WriteFile gives a new file with 0644: less
// the umask, as WriteFile should.
func newFileMode(t *testing.T) fs.FileMode {
	ref := filepath.Join(t.TempDir(), "ref")
	if err := os.WriteFile(ref, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name    string
		old     []byte // nil: no file
		data    []byte
		opts    WriteOptions
		want    []byte
		change  Change
		wantErr error
	}{
		{"create", nil, generatedNew, WriteOptions{}, generatedNew, Created, nil},
		{"replace generated", generatedOld, generatedNew, WriteOptions{}, generatedNew, Replaced, nil},
		{"unchanged", generatedNew, generatedNew, WriteOptions{}, generatedNew, Unchanged, nil},
		{"hand-written", handWritten, generatedNew, WriteOptions{}, handWritten, Unchanged, ErrHandWritten},
		{"hand-written forced", handWritten, generatedNew, WriteOptions{Force: true}, generatedNew, Replaced, nil},
		{"synced", generatedOld, generatedNew, WriteOptions{Sync: true}, generatedNew, Replaced, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "devenv.nix")
			if tt.old != nil {
				path = writeOld(t, tt.old, 0o640)
			}
			change, err := WriteFile(path, tt.data, tt.opts)
			if !errors.Is(err, tt.wantErr) || (err != nil) != (tt.wantErr != nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if change != tt.change {
				t.Errorf("change = %v, want %v", change, tt.change)
			}
			checkFile(t, path, tt.want)
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			wantMode := fs.FileMode(0o640)
			if tt.old == nil {
				wantMode = newFileMode(t)
			}
			if st.Mode().Perm() != wantMode {
				t.Errorf("mode = %v, want %v", st.Mode().Perm(), wantMode)
			}
			if untouched := change == Unchanged && tt.old != nil; untouched != st.ModTime().Equal(past) {
				t.Errorf("modification time %v; the file should change only when written", st.ModTime())
			}
		})
	}
}

// TestWriteFileTwice: a second write of the same content writes nothing,
// and the modification time stays.
func TestWriteFileTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "devenv.nix")
	if c, err := WriteFile(path, generatedNew, WriteOptions{}); err != nil || c != Created {
		t.Fatalf("first write: %v, %v", c, err)
	}
	if err := os.Chtimes(path, past, past); err != nil {
		t.Fatal(err)
	}
	if c, err := WriteFile(path, generatedNew, WriteOptions{}); err != nil || c != Unchanged {
		t.Fatalf("second write: %v, %v", c, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !st.ModTime().Equal(past) {
		t.Errorf("the second write touched the file: mtime %v", st.ModTime())
	}
}

// TestWriteFileSymlink: a devenv.nix that is a symbolic link stays one,
// and the file it points to gets the new content.
func TestWriteFileSymlink(t *testing.T) {
	real := writeOld(t, generatedOld, 0o644)
	link := filepath.Join(t.TempDir(), "devenv.nix")
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	if _, err := WriteFile(link, generatedNew, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	checkFile(t, real, generatedNew)
}

// TestWriteFileFails: a write that fails half-way, or whose rename fails,
// leaves the old file as it was and no temporary file.
func TestWriteFileFails(t *testing.T) {
	boom := errors.New("disk full")
	tests := []struct {
		name  string
		write func(*os.File, []byte) error
		ren   func(string, string) error
	}{
		{"write", func(f *os.File, data []byte) error {
			f.Write(data[:len(data)/2])
			return boom
		}, os.Rename},
		{"rename", writeTemp, func(string, string) error { return boom }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func(w func(*os.File, []byte) error, r func(string, string) error) { writeTemp, rename = w, r }(writeTemp, rename)
			writeTemp, rename = tt.write, tt.ren
			path := writeOld(t, generatedOld, 0o644)
			if _, err := WriteFile(path, generatedNew, WriteOptions{}); !errors.Is(err, boom) {
				t.Fatalf("err = %v, want %v", err, boom)
			}
			checkFile(t, path, generatedOld)
		})
	}
}

func TestCreateFileNeverReplaces(t *testing.T) {
	path := writeOld(t, []byte("mine\n"), 0o600)
	created, err := createFile(path, []byte("theirs\n"), 0o644, false)
	if err != nil || created {
		t.Fatalf("createFile over an existing file: created %v, %v", created, err)
	}
	checkFile(t, path, []byte("mine\n"))
}

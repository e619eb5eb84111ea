package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/pc2devenv/pc2devenv/ir"
)

// initDB is where the postgres, mysql and mariadb images look for the
// scripts they run when they create their database.
const initDB = "/docker-entrypoint-initdb.d"

// initDir reports whether a container path is initDB or a file in it.
func initDir(dst string) bool {
	dst = strings.TrimSuffix(dst, "/")
	return dst == initDB || path.Dir(dst) == initDB
}

// initMount applies "-v SRC:/docker-entrypoint-initdb.d[/FILE]": a .sql
// file, or a directory of them, becomes the schema of the service's
// database, referred to by its path and never read. The image also runs
// .sh files and compressed .sql files, which devenv's schema does not.
func (m *match) initMount(im *Image, what, src, dst string) {
	if !strings.HasPrefix(src, "./") && !strings.HasPrefix(src, "../") && !strings.HasPrefix(src, "/") && src != "." && src != ".." {
		m.unsupported(what, fmt.Sprintf("it mounts the volume %s, whose scripts the converter cannot see, at %s", src, dst))
		return
	}
	if !strings.HasPrefix(src, "/") && m.proc.Cwd.Set {
		// The mount's path is relative to the process's directory; the
		// schema's, to the project's.
		cwd, ok := m.proc.Cwd.Val.Literal()
		if !ok || strings.HasPrefix(cwd, "/") || strings.HasPrefix(cwd, "~") {
			m.unsupported(what, fmt.Sprintf("the path %s is relative to the process's working directory, which is not a directory of the project", src))
			return
		}
		src = "./" + path.Join(cwd, src)
	}
	if dst == initDB {
		if !im.InitDirs {
			m.unsupported(what, fmt.Sprintf("the image runs every script of %s; %s takes a schema file for the database, not a directory", src, m.service()))
			return
		}
		m.addSchema(what, src)
		m.note(ir.IDServiceNeeds, ir.Warning, fmt.Sprintf("%s of process %q: %s applies the .sql files of %s as the database's schema; the image also runs its .sh, .sql.gz, .sql.xz and .sql.zst files, which devenv does not", what, m.proc.Name, m.service(), src))
		return
	}
	switch ext := path.Ext(dst); {
	case ext == ".sql":
		m.addSchema(what, src)
	case ext == ".sh", strings.HasSuffix(dst, ".sql.gz"), strings.HasSuffix(dst, ".sql.xz"), strings.HasSuffix(dst, ".sql.zst"):
		m.unsupported(what, fmt.Sprintf("the image runs %s when it creates the database, and %s runs only .sql files", path.Base(dst), m.service()))
	default:
		m.drop(what, fmt.Sprintf("the image ignores %s, which is neither a script nor a .sql file", path.Base(dst)))
	}
}

// addSchema records a schema file or directory for the image's Build.
func (m *match) addSchema(what, src string) {
	if m.collected == nil {
		m.collected = &collected{vals: map[string]string{}, refs: map[string]ir.Value{}}
	}
	m.collected.schema = append(m.collected.schema, src)
	m.collected.schemaWhat = append(m.collected.schemaWhat, what)
}

// schemaField returns the schema field of the database the image
// creates, when a schema was mounted, and what mounted it.
func (c *collected) schemaField() ([]ir.Field, string) {
	if len(c.schema) != 1 {
		return nil, ""
	}
	return []ir.Field{{Key: "schema", Value: ir.PathValue(c.schema[0], c.pos)}}, c.schemaWhat[0]
}

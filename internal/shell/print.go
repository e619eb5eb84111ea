package shell

import (
	"reflect"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// Print returns n as bash source, as syntax.Printer writes it, without
// the comments the tree holds: the parser keeps comments, and a
// message that quotes a statement does not show them.
func Print(n syntax.Node) string {
	if s, ok := printSimple(n); ok {
		return s
	}
	return printFull(n)
}

// printFull is Print without the shortcut for plain nodes.
func printFull(n syntax.Node) string {
	if hasComments(n) {
		v := reflect.New(reflect.TypeOf(n)).Elem()
		copyWithoutComments(v, reflect.ValueOf(n))
		n = v.Interface().(syntax.Node)
	}
	p := printers.Get().(*syntax.Printer)
	defer printers.Put(p)
	var b strings.Builder
	p.Print(&b, n)
	return b.String()
}

// printers holds printers for Print to reuse: making one allocates its
// buffers anew, and Print is called for many words of every command.
// A Printer resets itself at each Print.
var printers = sync.Pool{New: func() any { return syntax.NewPrinter(syntax.Minify(false)) }}

// hasComments reports whether the tree under n holds a comment.
func hasComments(n syntax.Node) bool {
	found := false
	syntax.Walk(n, func(n syntax.Node) bool {
		if _, ok := n.(*syntax.Comment); ok {
			found = true
		}
		return !found
	})
	return found
}

var commentsType = reflect.TypeFor[[]syntax.Comment]()

// copyWithoutComments sets dst, which is settable and of src's type, to
// a deep copy of src without its lists of comments: the shared tree
// stays as it is.
func copyWithoutComments(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		copyWithoutComments(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		v := reflect.New(src.Elem().Type()).Elem()
		copyWithoutComments(v, src.Elem())
		dst.Set(v)
	case reflect.Slice:
		if src.IsNil() || src.Type() == commentsType {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			copyWithoutComments(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Struct:
		t := src.Type()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				// A value such as Pos, copied whole.
				dst.Set(src)
				return
			}
		}
		for i := range t.NumField() {
			copyWithoutComments(dst.Field(i), src.Field(i))
		}
	default:
		dst.Set(src)
	}
}

package aggregate

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
)

// writeComparisonJSON writes c as it is, indented, with <, > and & as
// written (the output is data, not HTML): the bytes of encoding/json's
// Encoder with SetIndent("", "  ") and SetEscapeHTML(false), written a
// piece at a time. Structs are written field by field and lists element
// by element, each naming label on its own (writeNaming), so that the
// memory it takes is that of the largest piece, never the whole file:
// with tens of thousands of units the JSON of the naming alone, which
// lists every unit for every entry of a target, runs to a gigabyte.
func writeComparisonJSON(w io.Writer, c *Comparison) error {
	s := &jsonStream{w: w}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	s.value(reflect.ValueOf(c).Elem(), 0)
	s.raw("\n")
	return s.err
}

// jsonStream writes JSON indented as encoding/json does, in pieces.
type jsonStream struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

var (
	marshalerType = reflect.TypeFor[json.Marshaler]()
	namingType    = reflect.TypeFor[Naming]()
)

func (s *jsonStream) raw(text string) {
	if s.err == nil {
		_, s.err = io.WriteString(s.w, text)
	}
}

// whole writes v in one piece, indented at depth.
func (s *jsonStream) whole(v any, depth int) {
	if s.err != nil {
		return
	}
	s.buf.Reset()
	s.enc.SetIndent(indentOf(depth), "  ")
	if s.err = s.enc.Encode(v); s.err != nil {
		return
	}
	_, s.err = s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
}

func indentOf(depth int) string { return strings.Repeat("  ", depth) }

// value writes v at depth: structs field by field, lists element by
// element, anything else (maps, numbers, a type that writes itself) whole.
func (s *jsonStream) value(v reflect.Value, depth int) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			s.raw("null")
			return
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == namingType:
		s.naming(v.Addr().Interface().(*Naming), depth)
	case v.Kind() == reflect.Struct && !reflect.PointerTo(v.Type()).Implements(marshalerType) && !hasEmbedded(v.Type()):
		s.object(v, depth)
	case v.Kind() == reflect.Slice && !v.IsNil() && v.Len() > 0:
		s.raw("[")
		for i := range v.Len() {
			if i > 0 {
				s.raw(",")
			}
			s.raw("\n" + indentOf(depth+1))
			s.value(v.Index(i), depth+1)
		}
		s.raw("\n" + indentOf(depth) + "]")
	default:
		s.whole(v.Interface(), depth)
	}
}

// object writes a struct's fields as encoding/json does: by their json
// names, leaving out "-" and empty omitempty ones.
func (s *jsonStream) object(v reflect.Value, depth int) {
	t := v.Type()
	n := 0
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := v.Field(i)
		if strings.Contains(","+opts+",", ",omitempty,") && isEmpty(fv) {
			continue
		}
		if n == 0 {
			s.raw("{")
		} else {
			s.raw(",")
		}
		n++
		s.raw("\n" + indentOf(depth+1))
		s.whole(name, depth+1)
		s.raw(": ")
		s.value(fv, depth+1)
	}
	if n == 0 {
		s.raw("{}")
		return
	}
	s.raw("\n" + indentOf(depth) + "}")
}

// naming writes n as Naming.MarshalJSON does, one label at a time.
func (s *jsonStream) naming(n *Naming, depth int) {
	in, in2 := indentOf(depth+1), indentOf(depth+2)
	s.raw("{\n" + in + `"target": `)
	s.whole(n.Target, depth+1)
	s.raw(",\n" + in + `"labels": `)
	if len(n.Labels) == 0 {
		s.raw("[]")
	} else {
		s.raw("[")
		for i := range n.Labels {
			if i > 0 {
				s.raw(",")
			}
			s.raw("\n" + in2)
			s.whole(n.labelJSON(&n.Labels[i]), depth+2)
		}
		s.raw("\n" + in + "]")
	}
	s.raw("\n" + indentOf(depth) + "}")
}

func hasEmbedded(t reflect.Type) bool {
	for i := range t.NumField() {
		if t.Field(i).Anonymous {
			return true
		}
	}
	return false
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

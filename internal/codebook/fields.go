package codebook

import (
	"reflect"
	"regexp"
	"strings"
)

// FieldPaths lists the fields of the values of type t as they are written
// with struct tag tag ("json" or "parquet"): a path for every field, in
// declaration order, nested fields as "parent.child", elements of a list
// of structs as "list[].field", values of a map as "map.{}" (a map of
// structs: "map.{}.field"). A field tagged "-" is not written and not
// listed; an untagged field is listed by its Go name, but for an untagged
// embedded struct, whose fields are listed as the outer struct's own.
// stop, when not nil, is asked about every field listed: true lists the
// field but not what it holds (another schema documents its value). A
// type that writes itself in another shape (a json.Marshaler) names that
// shape with a method JSONShape() any: its fields are the shape's.
func FieldPaths(t reflect.Type, tag string, stop func(path string) bool) []string {
	var out []string
	walk(t, tag, "", stop, &out, map[reflect.Type]bool{})
	return out
}

func walk(t reflect.Type, tag, prefix string, stop func(string) bool, out *[]string, seen map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := reflect.Zero(t).Interface().(shaped); ok {
		t = reflect.TypeOf(s.JSONShape())
	}
	if seen[t] {
		return
	}
	seen[t] = true
	defer delete(seen, t)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get(tag), ",")
		if name == "-" {
			continue
		}
		if name == "" && f.Anonymous && isStruct(f.Type) {
			// An embedded struct's fields are written as the outer
			// struct's own (encoding/json's rule).
			walk(f.Type, tag, prefix, stop, out, seen)
			continue
		}
		if name == "" {
			name = f.Name
		}
		path := prefix + name
		*out = append(*out, path)
		if stop != nil && stop(path) {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if s, ok := reflect.Zero(ft).Interface().(shaped); ok {
			ft = reflect.TypeOf(s.JSONShape()) // a struct written as a map, say
		}
		switch {
		case ft.Kind() == reflect.Struct:
			walk(ft, tag, path+".", stop, out, seen)
		case ft.Kind() == reflect.Slice && isStruct(ft.Elem()):
			walk(ft.Elem(), tag, path+"[].", stop, out, seen)
		case ft.Kind() == reflect.Map:
			*out = append(*out, path+".{}")
			if isStruct(ft.Elem()) && (stop == nil || !stop(path+".{}")) {
				walk(ft.Elem(), tag, path+".{}.", stop, out, seen)
			}
		}
	}
}

// shaped is a type written in another shape, which JSONShape returns (a
// zero value of it).
type shaped interface{ JSONShape() any }

func isStruct(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

var placeholder = regexp.MustCompile(`\{[^}]*\}`)

// Normalize writes the placeholders of a documented field name ("{axis}",
// "{target}") as "{}", the form FieldPaths gives them.
func Normalize(name string) string { return placeholder.ReplaceAllString(name, "{}") }

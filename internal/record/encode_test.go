package record_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
)

// randomStrings are the strings fill draws from: empty (omitempty), plain,
// and every kind of character encoding/json escapes or rewrites.
var randomStrings = []string{
	"", "", "author", "quote", "iran-gov", "the mullahs’ regime", "<b>&amp;</b> >",
	"\u2028 line \u2029 sep", "\x00\x01\x07\b\t\n\v\f\r\x1f\x7f", `back \ slash "quoted"`,
	"bad \xff\xfe UTF-8 \xe2\x80", "caf\xe9", "\U0001F600 emoji \uffff \ufffd", "Ünïcödé ß",
}

// randomFloats are the numbers fill draws from: zeros of both signs, the
// edges of encoding/json's exponent form, and ordinary values.
var randomFloats = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.5, 1.0 / 3, -2.0 / 3, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 3e21,
	-1e-300, 123456789.125, 0.1, 12.345, math.MaxFloat64, math.SmallestNonzeroFloat64,
}

// fill sets v, and every field inside it, to random values: pointers,
// maps and slices nil, empty or filled, so that every field and every
// omitempty case is written. A field added to a record type is filled
// too, which makes TestEncodeEveryField fail until the encoder writes it.
func fill(rng *rand.Rand, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(randomStrings[rng.IntN(len(randomStrings))])
	case reflect.Int:
		v.SetInt([]int64{0, 0, 1, 7, -3, 1 << 40, math.MinInt64}[rng.IntN(7)])
	case reflect.Int32:
		v.SetInt(int64(rng.Int32()))
	case reflect.Float64:
		v.SetFloat(randomFloats[rng.IntN(len(randomFloats))])
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 0)
	case reflect.Pointer:
		if rng.IntN(3) > 0 && depth < 6 {
			p := reflect.New(v.Type().Elem())
			fill(rng, p.Elem(), depth+1)
			v.Set(p)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(rng, v.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		switch rng.IntN(4) {
		case 0: // nil
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			n := 1 + rng.IntN(3)
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := 0; i < n; i++ {
				fill(rng, s.Index(i), depth+1)
			}
			v.Set(s)
		}
	case reflect.Map:
		switch rng.IntN(4) {
		case 0: // nil
		case 1:
			v.Set(reflect.MakeMap(v.Type()))
		default:
			m := reflect.MakeMap(v.Type())
			for i := 0; i < 1+rng.IntN(4); i++ {
				k := reflect.New(v.Type().Key()).Elem()
				fill(rng, k, depth+1)
				e := reflect.New(v.Type().Elem()).Elem()
				fill(rng, e, depth+1)
				m.SetMapIndex(k, e)
			}
			v.Set(m)
		}
	default:
		panic("fill: no rule for " + v.Type().String())
	}
}

// TestEncodeEveryField writes records with every field filled at random
// (every string escape, float format, omitempty, nil and empty map and
// slice) in the jsonl and json formats and holds them to encoding/json's
// Marshal and MarshalIndent, the bytes every score file written so far
// has.
func TestEncodeEveryField(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		var r record.Record
		fill(rng, reflect.ValueOf(&r).Elem(), 0)
		want, err := json.Marshal(&r)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if got := write(t, "jsonl", &r); !bytes.Equal(got, append(want, '\n')) {
			t.Fatalf("record %d:\n got %s\nwant %s", i, got, want)
		}
		if i%100 == 0 {
			ind, err := json.MarshalIndent(&r, "  ", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if got := write(t, "json", &r); string(got) != "[\n  "+string(ind)+"\n]\n" {
				t.Fatalf("json record %d:\n got %s\nwant %s", i, got, ind)
			}
		}
	}
}

// TestEncodeRefusesNaN checks that a number JSON cannot hold is an error
// naming the record, as encoding/json reports it, and that the writer
// goes on with the next record.
func TestEncodeRefusesNaN(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(-1)
	for _, tc := range []struct {
		name string
		r    record.Record
	}{
		{"per-1k", record.Record{ID: "a1", LoadedPer1k: nan}},
		{"framing", record.Record{ID: "a2", Targets: map[string]record.TargetScore{"t": {Framing: &inf}}}},
		{"contrib", record.Record{ID: "a3", Matches: []record.MatchRecord{{Contrib: map[string]float64{"x": nan}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := record.NewWriter(&buf, "jsonl", record.WriterOptions{})
			if err != nil {
				t.Fatal(err)
			}
			err = w.Write(&tc.r)
			if err == nil || !strings.Contains(err.Error(), tc.r.ID) || !strings.Contains(err.Error(), "unsupported value") {
				t.Fatalf("error %v, want encoding/json's unsupported value naming %s", err, tc.r.ID)
			}
			ok := record.Record{ID: "next"}
			if err := w.Write(&ok); err != nil {
				t.Fatal(err)
			}
			w.Close()
			want, _ := json.Marshal(&ok)
			if got := buf.String(); got != string(want)+"\n" {
				t.Errorf("after the error wrote %q, want %q", got, want)
			}
		})
	}
}

// BenchmarkEncodeEveryField writes records with every field filled at
// random, heavy in escapes: the encoder's slow paths.
func BenchmarkEncodeEveryField(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	recs := make([]*record.Record, 200)
	for i := range recs {
		recs[i] = new(record.Record)
		fill(rng, reflect.ValueOf(recs[i]).Elem(), 0)
	}
	b.ReportAllocs()
	for b.Loop() {
		w, _ := record.NewWriter(io.Discard, "jsonl", record.WriterOptions{})
		for _, r := range recs {
			if err := w.Write(r); err != nil {
				b.Fatal(err)
			}
		}
		w.Close()
	}
}

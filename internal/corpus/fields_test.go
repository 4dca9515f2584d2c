package corpus

import (
	"maps"
	"testing"
)

func TestParseFields(t *testing.T) {
	tests := []struct {
		specs   []string
		want    map[string]string
		wantErr string
	}{
		{nil, map[string]string{}, ""},
		{[]string{"text=body,outlet=source"}, map[string]string{"text": "body", "outlet": "source"}, ""},
		{[]string{"text=body", " Outlet = Source Name "}, map[string]string{"text": "body", "outlet": "Source Name"}, ""},
		{[]string{"text=body,", ",id=doc_id"}, map[string]string{"text": "body", "id": "doc_id"}, ""},
		{[]string{"text=body,text=body"}, map[string]string{"text": "body"}, ""},
		{[]string{"body"}, nil, `field mapping "body": want FIELD=KEY, such as text=body`},
		{[]string{"text="}, nil, `field mapping "text=": want FIELD=KEY, such as text=body`},
		{[]string{"words=body"}, nil, `field mapping "words=body": unknown field "words" (known: id, outlet, title, date, url, author, text, group)`},
		{[]string{"text=body,text=content"}, nil, `field mapping "text=content": text is already mapped to "body"`},
	}
	for _, tt := range tests {
		got, err := ParseFields(tt.specs)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseFields(%q) error %v, want %s", tt.specs, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !maps.Equal(got, tt.want) {
			t.Errorf("ParseFields(%q) = %v, %v; want %v", tt.specs, got, err, tt.want)
		}
	}
}

func TestFieldMapper(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]string
		kvs    []keyValue
		want   Article
		found  bool
	}{
		{"own names", nil,
			[]keyValue{{"id", "1"}, {"outlet", "O"}, {"text", "T"}, {"x", "y"}},
			Article{ID: "1", Outlet: "O", Text: "T", Meta: map[string]string{"x": "y"}}, true},
		{"alternatives", nil,
			[]keyValue{{"media_name", "M"}, {"headline", "H"}, {"publish_date", "D"}, {"body", "B"}, {"link", "L"}},
			Article{Outlet: "M", Title: "H", Date: "D", Text: "B", URL: "L"}, true},
		{"own name wins over an alternative", nil,
			[]keyValue{{"body", "B"}, {"text", "T"}},
			Article{Text: "T", Meta: map[string]string{"body": "B"}}, true},
		{"case-insensitive", nil,
			[]keyValue{{"Outlet", "O"}, {"TEXT", "T"}},
			Article{Outlet: "O", Text: "T"}, true},
		{"exact case wins", nil,
			[]keyValue{{"Text", "A"}, {"text", "B"}},
			Article{Text: "B", Meta: map[string]string{"Text": "A"}}, true},
		{"mapped key only", map[string]string{"outlet": "source", "text": "story"},
			[]keyValue{{"outlet", "O"}, {"source", "S"}, {"body", "B"}, {"story", "T"}},
			Article{Outlet: "S", Text: "T", Meta: map[string]string{"outlet": "O", "body": "B"}}, true},
		{"mapped text absent", map[string]string{"text": "story"},
			[]keyValue{{"text", "T"}},
			Article{Meta: map[string]string{"text": "T"}}, false},
		{"values trimmed, empty meta left out", nil,
			[]keyValue{{"id", " 1 "}, {"text", " T "}, {"empty", ""}},
			Article{ID: "1", Text: " T "}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, found := newFieldMapper(tt.fields).toArticle(tt.kvs, true)
			if found != tt.found || a.ID != tt.want.ID || a.Outlet != tt.want.Outlet || a.Title != tt.want.Title ||
				a.Date != tt.want.Date || a.URL != tt.want.URL || a.Text != tt.want.Text || !maps.Equal(a.Meta, tt.want.Meta) {
				t.Errorf("got %+v found=%v, want %+v found=%v", *a, found, tt.want, tt.found)
			}
		})
	}
}

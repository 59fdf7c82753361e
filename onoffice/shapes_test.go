package onoffice_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// answer wraps data in an envelope with one successful result.
func answer(resourceType, data string) string {
	return `{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[
		{"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourceid":"","resourcetype":"` + resourceType + `","identifier":"","cacheable":true,
		 "data":` + data + `,"status":{"errorcode":0,"message":"OK"}}]}}`
}

// TestAnswerShapes decodes the shapes real installations send where the
// docs are silent: empty-list records, list-shaped elements, an empty meta.
func TestAnswerShapes(t *testing.T) {
	cases := []struct {
		name, data string
		records    int
		total      int
		first      map[string]any
	}{
		{"records [[]] is no record", `{"meta":{"cntabsolute":0},"records":[[]]}`, 0, 0, nil},
		{"bare [] records among objects", `{"meta":{"cntabsolute":null},"records":[[],{"id":"estate","type":"","elements":{"label":"Immobilien"}}]}`, 1, -1, map[string]any{"label": "Immobilien"}},
		{"elements as a list of objects", `{"meta":{"cntabsolute":1},"records":[{"id":7,"type":"estatepictures","elements":[{"estateid":"7","url":"https://x/y.jpg"}]}]}`, 1, 1, map[string]any{"estateid": "7", "url": "https://x/y.jpg"}},
		{"elements [] on create", `{"meta":{"cntabsolute":null},"records":[{"id":10321,"type":"address","elements":[]}]}`, 1, -1, nil},
		{"meta as an empty list", `{"meta":[],"records":[{"id":1,"type":"","elements":{"a":"b"}}]}`, 1, -1, map[string]any{"a": "b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := fakeAPI(t, 200, answer("x", tc.data), nil)
			c := onoffice.New(srv.URL, testToken, testSecret)
			res, err := c.Call(context.Background(), onoffice.Action{Verb: onoffice.VerbGet, ResourceType: "x"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Records) != tc.records || res.Total != tc.total {
				t.Fatalf("records %d total %d, want %d and %d", len(res.Records), res.Total, tc.records, tc.total)
			}
			if tc.first != nil {
				got := res.Records[0].Fields()
				for k, v := range tc.first {
					if got[k] != v {
						t.Errorf("%s = %v, want %v", k, got[k], v)
					}
				}
			}
		})
	}
}

// TestNon200EnvelopeDecides keeps a regression: an HTTP status other than
// 200 that carries a JSON envelope is judged by its error codes.
func TestNon200EnvelopeDecides(t *testing.T) {
	srv := fakeAPI(t, 500, `{"status":{"code":500,"errorcode":143,"message":"Unknown field in estate data"},"response":{"results":[]}}`, nil)
	_, err := onoffice.New(srv.URL, testToken, testSecret).Call(context.Background(), onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate"})
	if onoffice.CodeOf(err) != 143 || !strings.Contains(err.Error(), "HTTP 500") {
		t.Errorf("want error 143 from the envelope, got %v", err)
	}
	srv = fakeAPI(t, 400, answer("estate", `{"meta":{"cntabsolute":1},"records":[{"id":1,"type":"estate","elements":{"ort":"Aachen"}}]}`), nil)
	res, err := onoffice.New(srv.URL, testToken, testSecret).Call(context.Background(), onoffice.Action{Verb: onoffice.VerbRead, ResourceType: "estate"})
	if err != nil || len(res.Records) != 1 {
		t.Errorf("a well-formed envelope without error codes is an answer: %v %+v", err, res)
	}
}

// TestFieldCacheRealShapes reads field configurations shaped like real
// ones: a module with "elements": [], permittedvalues as a list, and the
// search-criteria fields from get searchCriteriaFields.
func TestFieldCacheRealShapes(t *testing.T) {
	fields := answer("fields", `{"meta":{"cntabsolute":null},"records":[[],
		{"id":"estate","type":"","elements":{"label":"Immobilien",
			"kaufpreis":{"type":"float","length":null,"permittedvalues":null,"default":null,"label":"Kaufpreis"},
			"objektart":{"type":"singleselect","length":null,"permittedvalues":["haus","wohnung"],"default":null,"label":"Objektart"}}},
		{"id":"task","type":"","elements":[]}]}`)
	srv := fakeAPI(t, 200, fields, nil)
	fc := onoffice.NewFieldCache(onoffice.New(srv.URL, testToken, testSecret), time.Hour)
	mf, err := fc.Module(context.Background(), "estate", "DEU")
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := mf.Lookup("objektart"); f.Permitted["haus"] != "haus" || f.Permitted["wohnung"] == "" {
		t.Errorf("permittedvalues as a list lost: %+v", f)
	}
	if f, ok := mf.Lookup("status"); !ok || !f.Documented || f.Permitted["0"] == "" {
		t.Errorf("estate status must come from the documented system fields: %+v", f)
	}
	if _, ok := mf.Lookup("meinFeld"); ok {
		t.Error("an unknown name must stay unknown")
	}
	task, err := fc.Module(context.Background(), "task", "DEU")
	if err != nil || len(task.Fields) != 0 {
		t.Errorf("a module without fields is an empty configuration, not an error: %v %+v", err, task)
	}

	var got map[string]any
	sc := answer("searchCriteriaFields", `{"meta":{"cntabsolute":null},"records":[{"id":1,"type":"","elements":{"name":"Preise","fields":[
		{"id":"kaufpreis","name":"Kaufpreis","position":"1","rangefield":"true","type":"urn:onoffice-de-ns:smart:2.5:dbAccess:dataType:float",
		 "additionalTranslations":{"kaufpreis__von":"Kaufpreis von","kaufpreis__bis":"Kaufpreis bis"}},
		{"id":"vermarktungsart","name":"Vermarktungsart","position":"0","type":"singleselect","values":{"kauf":"Kauf","miete":"Miete"},"default":"kauf"}]}}]}`)
	srv = fakeAPI(t, 200, sc, &got)
	fc = onoffice.NewFieldCache(onoffice.New(srv.URL, testToken, testSecret), time.Hour)
	mf, err = fc.Module(context.Background(), onoffice.SearchCriteriaModule, "DEU")
	if err != nil {
		t.Fatal(err)
	}
	action := got["request"].(map[string]any)["actions"].([]any)[0].(map[string]any)
	if action["resourcetype"] != "searchCriteriaFields" {
		t.Errorf("search-criteria fields read with %v", action["resourcetype"])
	}
	if f, _ := mf.Lookup("kaufpreis__von"); f.Type != "float" || f.Label != "Kaufpreis von" {
		t.Errorf("range bound: %+v", f)
	}
	if f, _ := mf.Lookup("vermarktungsart"); f.Type != "singleselect" || f.Permitted["miete"] != "Miete" {
		t.Errorf("select: %+v", f)
	}
}

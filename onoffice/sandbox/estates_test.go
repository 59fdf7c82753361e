package sandbox

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
)

// estLocked runs fn with the store locked, for reading it between calls.
func estLocked(sb *Server, fn func(s *Store)) {
	s := sb.Store()
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s)
}

// estWithFiles returns a main estate with at least n files of the kind ("" any).
func estWithFiles(t *testing.T, s *Store, n int, kind string) int {
	t.Helper()
	count := map[int]int{}
	for _, f := range s.Table("file").Records {
		if f["module"] == "estate" && (kind == "" || f["type"] == kind) {
			id, _ := toInt(f["relatedRecordId"])
			count[id]++
		}
	}
	best := 0
	for id, c := range count {
		if c >= n && (best == 0 || id < best) {
			best = id
		}
	}
	if best == 0 {
		t.Fatalf("no estate with %d files of kind %q", n, kind)
	}
	return best
}

func TestEstateSavedFilters(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbGet, "filters", "", map[string]any{"module": "estate"})
	var want []int
	estLocked(sb, func(s *Store) {
		for _, f := range s.Extra["filters"].(map[string][]Record)["estate"] {
			want = append(want, idOf(f))
		}
	})
	sort.Ints(want)
	if len(want) == 0 || res.Total != len(want) || len(res.Records) != len(want) {
		t.Fatalf("got %d records (total %d), want %d", len(res.Records), res.Total, len(want))
	}
	for i, r := range res.Records {
		el := r.Fields()
		if r.IDString() != strconv.Itoa(want[i]) || r.Type != "filter" || el["name"] == "" {
			t.Errorf("record %d = %s %s %v", i, r.IDString(), r.Type, el)
		}
		switch el["scope"] {
		case "public":
			if el["userId"] != nil || el["groupId"] != nil {
				t.Errorf("public filter %s has owner: %v", r.IDString(), el)
			}
		case "office":
			if el["groupId"] == nil {
				t.Errorf("office filter %s without group", r.IDString())
			}
		case "private":
			if el["userId"] == nil {
				t.Errorf("private filter %s without user", r.IDString())
			}
		default:
			t.Errorf("scope %v", el["scope"])
		}
	}

	// filterid 43 (active purchase estates) narrows the estate read.
	read := mustCall(t, c, onoffice.VerbRead, "estate", "", map[string]any{
		"data": []string{"vermarktungsart", "status", "verkauft"}, "filterid": 43, "listlimit": 500})
	wantN := 0
	estLocked(sb, func(s *Store) {
		for _, e := range s.Table("estate").Records {
			if e["language"] == "" && e["vermarktungsart"] == "kauf" && e["status"] == 1 && e["verkauft"] != true {
				wantN++
			}
		}
	})
	if read.Total != wantN || wantN == 0 {
		t.Errorf("filterid 43: %d estates, want %d", read.Total, wantN)
	}
	for _, r := range read.Records {
		el := r.Fields()
		if el["vermarktungsart"] != "kauf" || el["status"] != "1" || el["verkauft"] != "0" {
			t.Errorf("estate %s does not fit the saved filter: %v", r.IDString(), el)
		}
	}
	// Address filters apply to address reads too.
	addr := mustCall(t, c, onoffice.VerbRead, "address", "", map[string]any{"data": []string{"Anrede"}, "filterid": 64, "listlimit": 500})
	if addr.Total == 0 {
		t.Errorf("address filter 64 found nothing")
	}
	for _, r := range addr.Records {
		if r.Fields()["Anrede"] != "Firma" {
			t.Errorf("address %s is not a company", r.IDString())
		}
	}

	runErrCases(t, c, []errCase{
		{"no module", onoffice.VerbGet, "filters", "", map[string]any{}, 167},
		{"bad module", onoffice.VerbGet, "filters", "", map[string]any{"module": "task"}, 163},
		{"unknown filterid", onoffice.VerbRead, "estate", "", map[string]any{"data": []string{"ort"}, "filterid": 9999}, 284},
		{"address filter on estates", onoffice.VerbRead, "estate", "", map[string]any{"data": []string{"ort"}, "filterid": 61}, 284},
	})
}

func TestEstateFiles(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	var estate int
	var files []Record
	estLocked(sb, func(s *Store) {
		estate = estWithFiles(t, s, 3, "")
		files = estFilesOf(s, "estate", estate)
	})
	res := mustCall(t, c, onoffice.VerbGet, "file", "estate", map[string]any{"estateid": estate, "showispublishedonhomepage": true, "includeImageUrl": "small"})
	if res.Total != len(files) || len(res.Records) != len(files) {
		t.Fatalf("got %d files (total %d), want %d", len(res.Records), res.Total, len(files))
	}
	for i, r := range res.Records {
		el := r.Fields()
		if r.IDString() != strconv.Itoa(idOf(files[i])) || r.Type != "file" {
			t.Errorf("record %d = %s %s, want file %d", i, r.IDString(), r.Type, idOf(files[i]))
		}
		if el["type"] != files[i]["type"] || el["title"] != files[i]["title"] || el["originalname"] != files[i]["originalname"] {
			t.Errorf("file %s elements %v do not match the store", r.IDString(), el)
		}
		if _, ok := el["content"]; ok {
			t.Errorf("list answer carries file content")
		}
		if el["ispublishedonhomepage"] != (files[i]["ispublishedonhomepage"] == true) {
			t.Errorf("ispublishedonhomepage = %v", el["ispublishedonhomepage"])
		}
		if estPictureKinds[toText(files[i]["type"])] && !strings.HasPrefix(toText(el["imageUrl"]), "https://") {
			t.Errorf("picture %s without imageUrl", r.IDString())
		}
	}
	// Paging.
	page := mustCall(t, c, onoffice.VerbGet, "file", "estate", map[string]any{"estateid": estate, "listlimit": 1, "listoffset": 1})
	if len(page.Records) != 1 || page.Records[0].IDString() != strconv.Itoa(idOf(files[1])) || page.Total != len(files) {
		t.Errorf("page = %+v", page.Records)
	}
	// One file by id comes with its content.
	one := mustCall(t, c, onoffice.VerbGet, "file", "estate", map[string]any{"estateid": estate, "fileid": idOf(files[0])})
	if len(one.Records) != 1 {
		t.Fatalf("fileid: %d records", len(one.Records))
	}
	content, err := base64.StdEncoding.DecodeString(toText(one.Records[0].Fields()["content"]))
	if err != nil || len(content) == 0 {
		t.Errorf("content not base64: %v", err)
	}
	// Publication status per portal.
	ps := mustCall(t, c, onoffice.VerbGet, "file", "estate", map[string]any{"estateid": estate, "showpublicationstatus": true})
	for i, r := range ps.Records {
		v := r.Fields()["publicationstatus"]
		if files[i]["category"] == "internal" {
			if l, ok := v.([]any); !ok || len(l) != 0 {
				t.Errorf("internal file %s: publicationstatus %v", r.IDString(), v)
			}
		} else if m, ok := v.(map[string]any); !ok || len(m) != len(estPortals) {
			t.Errorf("external file %s: publicationstatus %v", r.IDString(), v)
		}
	}
	runErrCases(t, c, []errCase{
		{"no estate", onoffice.VerbGet, "file", "estate", map[string]any{}, 110},
		{"unknown estate", onoffice.VerbGet, "file", "estate", map[string]any{"estateid": 99}, 293},
		{"bad image size", onoffice.VerbGet, "file", "estate", map[string]any{"estateid": estate, "includeImageUrl": "huge"}, 255},
	})
}

func TestEstatePictures(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	var estate int
	var want []int
	estLocked(sb, func(s *Store) {
		for _, f := range s.Table("file").Records {
			if f["module"] == "estate" && f["ispublishedonhomepage"] == true && (f["type"] == "Foto" || f["type"] == "Titelbild") {
				id, _ := toInt(f["relatedRecordId"])
				if estate == 0 {
					estate = id
				}
			}
		}
		for _, f := range estFilesOf(s, "estate", estate) {
			if f["ispublishedonhomepage"] == true && (f["type"] == "Foto" || f["type"] == "Titelbild") {
				want = append(want, idOf(f))
			}
		}
	})
	res := mustCall(t, c, onoffice.VerbGet, "estatepictures", "", map[string]any{
		"estateids": []int{estate}, "categories": []string{"Titelbild", "Foto"}, "size": "800x600"})
	if len(res.Records) != len(want) || len(want) == 0 {
		t.Fatalf("got %d pictures, want %d", len(res.Records), len(want))
	}
	for i, r := range res.Records {
		if r.IDString() != strconv.Itoa(want[i]) || r.Type != "files" {
			t.Errorf("record %d = %s %s", i, r.IDString(), r.Type)
		}
		var list []map[string]any
		if err := json.Unmarshal(r.Elements, &list); err != nil || len(list) != 1 {
			t.Fatalf("elements are not a one-element list: %s", r.Elements)
		}
		if list[0]["estateid"] != strconv.Itoa(estate) || list[0]["estateMainId"] != strconv.Itoa(estate) || !strings.Contains(toText(list[0]["url"]), "800x600") {
			t.Errorf("elements %v", list[0])
		}
	}
	runErrCases(t, c, []errCase{
		{"no categories", onoffice.VerbGet, "estatepictures", "", map[string]any{"estateids": []int{estate}}, 139},
		{"no estates", onoffice.VerbGet, "estatepictures", "", map[string]any{"categories": []string{"Foto"}}, 139},
		{"bad size", onoffice.VerbGet, "estatepictures", "", map[string]any{"estateids": []int{estate}, "categories": []string{"Foto"}, "size": "big"}, 255},
		{"bad target", onoffice.VerbGet, "estatepictures", "", map[string]any{"estateids": []int{estate}, "categories": []string{"Foto"}, "publicationSetting": "Fax"}, 255},
	})
}

func TestEstateFileRelationModifyDelete(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	var estate, oldCover, photo, other int
	var addrFile, addrParent int
	var freeAttr string
	estLocked(sb, func(s *Store) {
		estate = estWithFiles(t, s, 2, "Foto")
		used := map[string]bool{}
		for _, f := range estFilesOf(s, "estate", estate) {
			used[toText(f["documentAttribute"])] = true
		}
		for _, o := range s.Fields["file"]["documentAttribute"].Permitted {
			if !used[o.Key] && freeAttr == "" {
				freeAttr = o.Key
			}
		}
		for _, f := range estFilesOf(s, "estate", estate) {
			switch {
			case f["type"] == "Titelbild":
				oldCover = idOf(f)
			case f["type"] == "Foto" && photo == 0:
				photo = idOf(f)
			case f["type"] == "Foto":
				other = idOf(f)
			}
		}
		for _, f := range s.Table("file").Records {
			if f["module"] == "address" {
				addrFile = idOf(f)
				addrParent, _ = toInt(f["relatedRecordId"])
				break
			}
		}
	})
	if oldCover == 0 || photo == 0 || other == 0 || addrFile == 0 {
		t.Fatalf("seed lacks files: cover %d photo %d other %d address file %d", oldCover, photo, other, addrFile)
	}
	res := mustCall(t, c, onoffice.VerbModify, "fileRelation", "", map[string]any{
		"relationtype": "estate", "parentid": estate, "fileId": photo, "Art": "Titelbild", "title": "Neue Ansicht", "freetext": "Blick vom Garten",
		"documentAttribute": freeAttr})
	if len(res.Records) != 1 || res.Records[0].Fields()["success"] != "success" {
		t.Fatalf("answer %+v", res.Records)
	}
	estLocked(sb, func(s *Store) {
		f := s.Table("file").Get(photo)
		if f["type"] != "Titelbild" || f["title"] != "Neue Ansicht" || f["freetext"] != "Blick vom Garten" || f["documentAttribute"] != freeAttr {
			t.Errorf("file not changed: %v", f)
		}
		if old := s.Table("file").Get(oldCover); old["type"] != "Foto" {
			t.Errorf("old title picture is %v, want Foto", old["type"])
		}
	})
	// A document goes to the internal category.
	mustCall(t, c, onoffice.VerbModify, "fileRelation", "", map[string]any{"relationtype": "estate", "parentid": estate, "fileId": other, "Art": "Dokument"})
	estLocked(sb, func(s *Store) {
		if f := s.Table("file").Get(other); f["category"] != "internal" {
			t.Errorf("category = %v", f["category"])
		}
	})
	// The same call serves address files.
	mustCall(t, c, onoffice.VerbModify, "fileRelation", "", map[string]any{"relationtype": "address", "parentid": addrParent, "fileId": addrFile, "title": "Selbstauskunft 2026"})
	estLocked(sb, func(s *Store) {
		if f := s.Table("file").Get(addrFile); f["title"] != "Selbstauskunft 2026" {
			t.Errorf("address file title = %v", f["title"])
		}
	})
	runErrCases(t, c, []errCase{
		{"attribute taken", onoffice.VerbModify, "fileRelation", "", map[string]any{"relationtype": "estate", "parentid": estate, "fileId": oldCover, "documentAttribute": freeAttr}, 161},
		{"unknown attribute", onoffice.VerbModify, "fileRelation", "", map[string]any{"relationtype": "estate", "parentid": estate, "fileId": oldCover, "documentAttribute": "nope"}, 252},
		{"bad kind", onoffice.VerbModify, "fileRelation", "", map[string]any{"relationtype": "estate", "parentid": estate, "fileId": oldCover, "Art": "Bild"}, 162},
		{"wrong parent", onoffice.VerbModify, "fileRelation", "", map[string]any{"relationtype": "estate", "parentid": estate + 1, "fileId": oldCover, "title": "x"}, 127},
		{"no parent", onoffice.VerbModify, "fileRelation", "", map[string]any{"relationtype": "estate", "fileId": oldCover}, 167},
		{"bad module", onoffice.VerbModify, "fileRelation", "", map[string]any{"relationtype": "user", "parentid": 12, "fileId": oldCover}, 163},
	})

	mustCall(t, c, onoffice.VerbDelete, "fileRelation", "", map[string]any{"relationtype": "estate", "parentid": estate, "fileId": other})
	estLocked(sb, func(s *Store) {
		if s.Table("file").Get(other) != nil {
			t.Errorf("file %d still stored", other)
		}
	})
	list := mustCall(t, c, onoffice.VerbGet, "file", "estate", map[string]any{"estateid": estate})
	for _, r := range list.Records {
		if r.IDString() == strconv.Itoa(other) {
			t.Errorf("deleted file still listed")
		}
	}
	runErrCases(t, c, []errCase{
		{"deleted twice", onoffice.VerbDelete, "fileRelation", "", map[string]any{"relationtype": "estate", "parentid": estate, "fileId": other}, 127},
		{"no file id", onoffice.VerbDelete, "fileRelation", "", map[string]any{"relationtype": "estate", "parentid": estate}, 167},
	})
}

func estInflate(t *testing.T, doc string, compressed bool) []byte {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(doc)
	if err != nil {
		t.Fatalf("document is not base64: %v", err)
	}
	if !compressed {
		return raw
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("document is not zlib: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEstatePDFExpose(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	estate := 0
	var title string
	estLocked(sb, func(s *Store) {
		e := s.Table("estate").Records[0]
		estate, title = idOf(e), estTitle(e)
	})
	for _, tc := range []struct {
		kind     string
		compress bool
		pages    int
	}{{"kurz", true, 1}, {"lang", false, 2}} {
		params := map[string]any{"estateid": estate, "template": estPDFTemplatePrefix + tc.kind + ":Standard", "language": "DEU"}
		if !tc.compress {
			params["gzcompress"] = false
		}
		res := mustCall(t, c, onoffice.VerbGet, "pdf", "", params)
		el := res.Records[0].Fields()
		if el["type"] != "pdf" {
			t.Errorf("type = %v", el["type"])
		}
		pdf := estInflate(t, toText(el["document"]), tc.compress)
		if !bytes.HasPrefix(pdf, []byte("%PDF-1.4")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
			t.Fatalf("%s: not a PDF: %.40q", tc.kind, pdf)
		}
		if n := bytes.Count(pdf, []byte("/Type /Page ")); n != tc.pages {
			t.Errorf("%s: %d pages, want %d", tc.kind, n, tc.pages)
		}
		if first := strings.Fields(title)[0]; !bytes.Contains(pdf, []byte(estPDFString(first))) {
			t.Errorf("%s: title word %q not in the PDF", tc.kind, first)
		}
	}
	runErrCases(t, c, []errCase{
		{"no estate", onoffice.VerbGet, "pdf", "", map[string]any{"template": estPDFTemplatePrefix + "kurz:Standard"}, 110},
		{"unknown estate", onoffice.VerbGet, "pdf", "", map[string]any{"estateid": 42, "template": estPDFTemplatePrefix + "kurz:Standard"}, 293},
		{"bad template", onoffice.VerbGet, "pdf", "", map[string]any{"estateid": estate, "template": "Standard"}, 54},
		{"unknown recipient", onoffice.VerbGet, "pdf", "", map[string]any{"estateid": estate, "template": estPDFTemplatePrefix + "kurz:Standard", "addressids": []int{1}}, 292},
	})
}

func TestEstateWorkingList(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	var ids []int
	estLocked(sb, func(s *Store) {
		for _, e := range s.Table("estate").Records[:3] {
			ids = append(ids, idOf(e))
		}
	})
	res := mustCall(t, c, onoffice.VerbCreate, "workinglist", "", map[string]any{"listName": "Besichtigungen KW 45", "type": "estate", "visibility": 1, "userId": 17, "ids": ids})
	if len(res.Records) != 1 || res.Records[0].IDString() != "1" {
		t.Fatalf("answer %+v", res.Records)
	}
	estLocked(sb, func(s *Store) {
		l := s.Extra["workingLists"].(*estWorkingLists).Lists[0]
		if l.Name != "Besichtigungen KW 45" || l.UserID != 17 || len(l.IDs) != 3 || l.Visibility != 1 {
			t.Errorf("stored list %+v", l)
		}
	})
	group := mustCall(t, c, onoffice.VerbCreate, "workinglist", "", map[string]any{"listName": "Büro", "type": "estate", "visibility": 2, "ids": ids[:1]})
	estLocked(sb, func(s *Store) {
		if l := s.Extra["workingLists"].(*estWorkingLists).Lists[1]; group.Records[0].IDString() != "2" || l.GroupID != 301 {
			t.Errorf("group list %+v (want the API user's office group 301)", l)
		}
	})
	runErrCases(t, c, []errCase{
		{"duplicate name", onoffice.VerbCreate, "workinglist", "", map[string]any{"listName": "Besichtigungen KW 45", "type": "estate", "visibility": 0, "ids": ids}, 266},
		{"empty name", onoffice.VerbCreate, "workinglist", "", map[string]any{"listName": " ", "type": "estate", "visibility": 0, "ids": ids}, 273},
		{"bad type", onoffice.VerbCreate, "workinglist", "", map[string]any{"listName": "x", "type": "task", "visibility": 0, "ids": ids}, 269},
		{"bad visibility", onoffice.VerbCreate, "workinglist", "", map[string]any{"listName": "x", "type": "estate", "visibility": 5, "ids": ids}, 267},
		{"no ids", onoffice.VerbCreate, "workinglist", "", map[string]any{"listName": "x", "type": "estate", "visibility": 0, "ids": []int{}}, 265},
		{"unknown id", onoffice.VerbCreate, "workinglist", "", map[string]any{"listName": "x", "type": "estate", "visibility": 0, "ids": []int{1}}, 235},
		{"bad group", onoffice.VerbCreate, "workinglist", "", map[string]any{"listName": "x", "type": "estate", "visibility": 2, "groupId": 999, "ids": ids}, 272},
	})
}

func TestEstatePriceOffer(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	var estate, addr int
	estLocked(sb, func(s *Store) {
		estate = idOf(s.Table("estate").Records[0])
		// A prospect with no link to this estate yet.
		for _, a := range s.Table("address").Records {
			if estInterest(s, estate, idOf(a)) == nil {
				addr = idOf(a)
				break
			}
		}
	})
	before := mustCall(t, c, onoffice.VerbGet, "priceOffer", "", map[string]any{"estateId": estate, "addressId": addr})
	if v := before.Records[0].Fields()["priceOffer"]; v != "" {
		t.Errorf("offer before = %v", v)
	}
	mustCall(t, c, onoffice.VerbDo, "priceOffer", "", map[string]any{"estateId": estate, "addressId": addr, "priceOffer": 372500})
	after := mustCall(t, c, onoffice.VerbGet, "priceOffer", "", map[string]any{"estateId": estate, "addressId": addr})
	if v := after.Records[0].Fields()["priceOffer"]; v != "372.500,00 €" {
		t.Errorf("offer after = %q", v)
	}
	estLocked(sb, func(s *Store) {
		rel := estInterest(s, estate, addr)
		if rel == nil || rel.Extra[estAdvisoryKey] != estAdvisoryC {
			t.Errorf("relation after offer: %+v", rel)
		}
	})
	runErrCases(t, c, []errCase{
		{"bad price", onoffice.VerbDo, "priceOffer", "", map[string]any{"estateId": estate, "addressId": addr, "priceOffer": "viel"}, 214},
		{"no price", onoffice.VerbDo, "priceOffer", "", map[string]any{"estateId": estate, "addressId": addr}, 167},
		{"no address", onoffice.VerbGet, "priceOffer", "", map[string]any{"estateId": estate}, 167},
		{"unknown address", onoffice.VerbGet, "priceOffer", "", map[string]any{"estateId": estate, "addressId": 5}, 292},
		{"unknown estate", onoffice.VerbGet, "priceOffer", "", map[string]any{"estateId": 5, "addressId": addr}, 293},
	})
}

func TestEstateTracking(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	estate := 0
	estLocked(sb, func(s *Store) { estate = idOf(s.Table("estate").Records[1]) })
	res := mustCall(t, c, onoffice.VerbDo, "createestatetrackingaccount", "", map[string]any{
		"accountname": "eigentuemer@example.de", "accountpassword": "Sommer-Wiese-4711", "estateid": estate, "accountinformation": "Verkauf"})
	el := res.Records[0].Fields()
	if res.Records[0].Type != "estateTracking" || el["accountname"] != "eigentuemer@example.de" || el["accountpassword"] != "Sommer-Wiese-4711" {
		t.Fatalf("create answer %+v", el)
	}
	id := res.Records[0].IDString()
	got := mustCall(t, c, onoffice.VerbGet, "estatetrackingdetails", "", map[string]any{"accountname": "eigentuemer@example.de", "password": "Sommer-Wiese-4711"})
	gel := got.Records[0].Fields()
	if got.Records[0].IDString() != id || gel["information"] != "Verkauf" {
		t.Errorf("details %s %v", got.Records[0].IDString(), gel)
	}
	if ids, _ := gel["estateids"].(map[string]any); ids["1"] != strconv.Itoa(estate) {
		t.Errorf("estateids = %v", gel["estateids"])
	}
	runErrCases(t, c, []errCase{
		{"duplicate", onoffice.VerbDo, "createestatetrackingaccount", "", map[string]any{"accountname": "eigentuemer@example.de", "accountpassword": "x", "estateid": estate}, 78},
		{"no password", onoffice.VerbDo, "createestatetrackingaccount", "", map[string]any{"accountname": "a", "estateid": estate}, 102},
		{"no estate", onoffice.VerbDo, "createestatetrackingaccount", "", map[string]any{"accountname": "a", "accountpassword": "b"}, 167},
		{"unknown account", onoffice.VerbGet, "estatetrackingdetails", "", map[string]any{"accountname": "nobody", "password": "x"}, 103},
		{"no password given", onoffice.VerbGet, "estatetrackingdetails", "", map[string]any{"accountname": "nobody"}, 102},
		{"wrong password 1", onoffice.VerbGet, "estatetrackingdetails", "", map[string]any{"accountname": "eigentuemer@example.de", "password": "x"}, 105},
		{"wrong password 2", onoffice.VerbGet, "estatetrackingdetails", "", map[string]any{"accountname": "eigentuemer@example.de", "password": "x"}, 106},
		{"wrong password 3", onoffice.VerbGet, "estatetrackingdetails", "", map[string]any{"accountname": "eigentuemer@example.de", "password": "x"}, 107},
		{"wrong password 4", onoffice.VerbGet, "estatetrackingdetails", "", map[string]any{"accountname": "eigentuemer@example.de", "password": "x"}, 108},
		{"locked", onoffice.VerbGet, "estatetrackingdetails", "", map[string]any{"accountname": "eigentuemer@example.de", "password": "x"}, 150},
		{"locked even with the password", onoffice.VerbGet, "estatetrackingdetails", "", map[string]any{"accountname": "eigentuemer@example.de", "password": "Sommer-Wiese-4711"}, 150},
	})
}

func TestEstateCategoriesAndWidgets(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbGet, "estateCategories", "", map[string]any{})
	if len(res.Records) != 4 {
		t.Fatalf("%d records", len(res.Records))
	}
	var kinds []map[string]string
	_ = json.Unmarshal(res.Records[0].Elements, &kinds)
	var types map[string][]map[string]string
	_ = json.Unmarshal(res.Records[1].Elements, &types)
	estLocked(sb, func(s *Store) {
		f := s.Fields["estate"]["objektart"]
		if res.Records[0].IDString() != "objektart" || len(kinds) != len(f.Permitted) || kinds[0]["id"] != f.Permitted[0].Key {
			t.Errorf("objektart = %v", kinds)
		}
		found := false
		for _, e := range types["haus"] {
			found = found || e["id"] == "einfamilienhaus"
		}
		if res.Records[1].IDString() != "objekttyp" || !found {
			t.Errorf("objekttyp[haus] = %v", types["haus"])
		}
	})
	w := mustCall(t, c, onoffice.VerbGet, "statisticWidgets", "", map[string]any{"module": "estate"})
	if w.Total != len(w.Records) || len(w.Records) < 3 {
		t.Fatalf("%d widgets", len(w.Records))
	}
	for _, r := range w.Records {
		el := r.Fields()
		cfg, _ := el["configuration"].(map[string]any)
		if r.Type != "statisticWidgets" || el["id"] != r.IDString() || el["title"] == "" || cfg["widgetType"] == nil {
			t.Errorf("widget %s: %v", r.IDString(), el)
		}
	}
	runErrCases(t, c, []errCase{
		{"no module", onoffice.VerbGet, "statisticWidgets", "", map[string]any{}, 167},
		{"bad module", onoffice.VerbGet, "statisticWidgets", "", map[string]any{"module": "address"}, 163},
	})
}

func TestEstateQuickSearch(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	var street, houseNo, ownerName string
	var estate, ownedEstate int
	estLocked(sb, func(s *Store) {
		e := s.Table("estate").Records[0]
		estate, street, houseNo = idOf(e), toText(e["strasse"]), toText(e["hausnummer"])
		for _, rel := range s.Relations {
			if rel.Type == estRelOwner {
				if a := s.Table("address").Get(rel.Child); a != nil && toText(a["Name"]) != "" {
					ownedEstate, ownerName = rel.Parent, toText(a["Name"])
					break
				}
			}
		}
	})
	res := mustCall(t, c, onoffice.VerbGet, "search", "estate", map[string]any{"input": street + " " + houseNo, "sortby": "ort", "includeThumbnail": "small"})
	found := false
	for _, r := range res.Records {
		el := r.Fields()
		if el["street"] != street || el["houseno"] != houseNo {
			t.Errorf("hit %s does not match %q %q: %v", r.IDString(), street, houseNo, el)
		}
		found = found || r.IDString() == strconv.Itoa(estate)
	}
	if !found || res.Total != -1 {
		t.Errorf("estate %d not found by its address (total %d)", estate, res.Total)
	}
	byOwner := mustCall(t, c, onoffice.VerbGet, "search", "estate", map[string]any{"input": ownerName})
	found = false
	for _, r := range byOwner.Records {
		found = found || r.IDString() == strconv.Itoa(ownedEstate)
		if !strings.Contains(estFold(toText(r.Fields()["owner"])+toText(r.Fields()["street"])+toText(r.Fields()["city"])), estFold(ownerName)) {
			t.Errorf("hit %s has nothing of %q: %v", r.IDString(), ownerName, r.Fields())
		}
	}
	if !found {
		t.Errorf("estate %d not found by owner %q", ownedEstate, ownerName)
	}
	filtered := mustCall(t, c, onoffice.VerbGet, "search", "estate", map[string]any{"input": street, "filter": map[string]any{"Id": []any{map[string]any{"op": "!=", "val": estate}}}})
	for _, r := range filtered.Records {
		if r.IDString() == strconv.Itoa(estate) {
			t.Errorf("filter ignored")
		}
	}
	runErrCases(t, c, []errCase{
		{"empty", onoffice.VerbGet, "search", "estate", map[string]any{"input": " "}, 69},
		{"too short", onoffice.VerbGet, "search", "estate", map[string]any{"input": "a"}, 151},
		{"bad sort", onoffice.VerbGet, "search", "estate", map[string]any{"input": "Münster", "sortby": "kaufpreis"}, 212},
		{"bad filter field", onoffice.VerbGet, "search", "estate", map[string]any{"input": "Münster", "filter": map[string]any{"preis": []any{map[string]any{"op": "=", "val": 1}}}}, 141},
		{"unknown filterId", onoffice.VerbGet, "search", "estate", map[string]any{"input": "Münster", "filterId": 1}, 284},
	})
}

func TestEstateQualifiedSuitors(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	// Build estate data that fits one stored criterion exactly.
	var crit Record
	var data map[string]any
	estLocked(sb, func(s *Store) {
		for _, sc := range s.Table("searchcriteria").Records {
			if sc["vermarktungsart"] == "kauf" && sc["kaufpreis__bis"] != nil && sc["range_breitengrad"] != nil && sc["status"] == 1 {
				crit = sc
				break
			}
		}
		if crit == nil {
			t.Fatal("no purchase criterion with a radius in the seed")
		}
		hi, _ := toFloat(crit["kaufpreis__bis"])
		data = map[string]any{
			"vermarktungsart": "kauf", "objektart": crit["objektart"], "nutzungsart": crit["nutzungsart"],
			"breitengrad": crit["range_breitengrad"], "laengengrad": crit["range_laengengrad"],
			"kaufpreis": strconv.FormatFloat(hi, 'f', 0, 64),
		}
		if typ, ok := crit["objekttyp"].([]string); ok {
			data["objekttyp"] = typ[0]
		}
	})
	addr := toText(crit["adresse"])
	res := mustCall(t, c, onoffice.VerbGet, "qualifiedsuitors", "", map[string]any{"estatedata": data})
	if res.Total != len(res.Records) || len(res.Records) == 0 {
		t.Fatalf("%d records, total %d", len(res.Records), res.Total)
	}
	var hit map[string]any
	prev := 101.0
	for _, r := range res.Records {
		el := r.Fields()
		p, _ := el["percentage"].(float64)
		if p > prev || p < estSuitorMin {
			t.Errorf("percentages not sorted or below the minimum: %v after %v", p, prev)
		}
		prev = p
		if r.IDString() == addr {
			hit = el
		}
	}
	if hit == nil || hit["percentage"] != 100.0 {
		t.Fatalf("address %s: %v, want a 100%% hit", addr, hit)
	}
	if dev, _ := json.Marshal(hit["deviated"]); string(dev) != "[[]]" {
		t.Errorf("deviated = %s, want [[]]", dev)
	}
	// Far too expensive: the price deviates (or knocks the criterion out).
	hi, _ := toFloat(crit["kaufpreis__bis"])
	data["kaufpreis"] = strconv.FormatFloat(hi*3, 'f', 0, 64)
	res = mustCall(t, c, onoffice.VerbGet, "qualifiedsuitors", "", map[string]any{"estatedata": data})
	ko, _ := crit["sys_ko"].([]string)
	for _, r := range res.Records {
		if r.IDString() != addr || r.Fields()["searchcriteria"] != float64(idOf(crit)) {
			continue
		}
		if contains(ko, "kaufpreis") {
			t.Errorf("knock-out price still matched: %v", r.Fields())
		}
		dev, _ := json.Marshal(r.Fields()["deviated"])
		if !strings.Contains(string(dev), `"kaufpreis":0`) || r.Fields()["percentage"] == 100.0 {
			t.Errorf("too expensive estate: %v", r.Fields())
		}
	}
	runErrCases(t, c, []errCase{
		{"no data", onoffice.VerbGet, "qualifiedsuitors", "", map[string]any{}, 167},
		{"unknown field", onoffice.VerbGet, "qualifiedsuitors", "", map[string]any{"estatedata": map[string]any{"preis": "1"}}, 143},
		{"select as list", onoffice.VerbGet, "qualifiedsuitors", "", map[string]any{"estatedata": map[string]any{"objektart": []any{"haus", "wohnung"}}}, 187},
	})
}

func TestEstateCreateModifyRead(t *testing.T) {
	t.Parallel()
	sb, c := startAPI(t, nil)
	res := mustCall(t, c, onoffice.VerbCreate, "estate", "", map[string]any{"data": map[string]any{
		"objektart": "wohnung", "objekttyp": "etage", "vermarktungsart": "miete", "nutzungsart": "wohnen",
		"objekttitel": "Helle 3-Zimmer-Wohnung", "ort": "Münster", "kaltmiete": 980, "heizungsart": []any{"zentral"}}})
	id := res.Records[0].IDString()
	mustCall(t, c, onoffice.VerbModify, "estate", id, map[string]any{"data": map[string]any{"kaltmiete": 950, "reserviert": 1}})
	got := mustCall(t, c, onoffice.VerbRead, "estate", id, map[string]any{"data": []string{"objekttitel", "kaltmiete", "reserviert", "heizungsart"}})
	el := got.Records[0].Fields()
	if el["objekttitel"] != "Helle 3-Zimmer-Wohnung" || el["kaltmiete"] != "950.00" || el["reserviert"] != "1" || el["heizungsart"] != "|zentral|" {
		t.Errorf("read after create/modify: %v", el)
	}
	estLocked(sb, func(s *Store) {
		n, _ := strconv.Atoi(id)
		if s.Table("estate").Get(n) == nil {
			t.Errorf("estate %s not stored", id)
		}
	})
	runErrCases(t, c, []errCase{
		{"unknown field", onoffice.VerbCreate, "estate", "", map[string]any{"data": map[string]any{"preis": 1}}, 143},
		{"bad key", onoffice.VerbModify, "estate", id, map[string]any{"data": map[string]any{"objektart": "schloss"}}, 77},
		{"not a main id", onoffice.VerbModify, "estate", "1", map[string]any{"data": map[string]any{"ort": "x"}}, 198},
	})
}

package tools

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/onoffice-mcp/onoffice-mcp/onoffice"
	"github.com/onoffice-mcp/onoffice-mcp/tools/condense"
)

func estateTools() []Tool {
	return []Tool{
		define("estate_read", "Read estates",
			"List or filter estates (properties), or read one by id; without data, a default set of fields.",
			readEstates),
		withPreview(define("estate_create", "Create estate",
			"Create an estate from field values[[ (keys of objektart etc.: estate_category_list)]].[[ Link owners afterwards with relation_create.]]",
			createEstate), previewEstateCreate),
		withPreview(define("estate_modify", "Modify estate",
			"Change an estate: only the fields in data (a multiselect list replaces all keys: send existing plus new).",
			modifyEstate), previewEstateModify),
		define("estate_pdf_expose", "Generate PDF exposé",
			"Render an estate's PDF exposé with a template[[ (template_list, type pdf)]], returned as an embedded PDF document[[; email_send attaches it by template]].",
			pdfExpose),
		define("estate_file_list", "List estate files",
			"List an estate's files (pictures, floor plans, documents, links) with title, kind and position, not their contents.",
			listEstateFiles),
		define("estate_picture_list", "List published estate pictures",
			"List the pictures of estates released for the homepage (or another target), with URLs.",
			listEstatePictures),
		withPreview(define("estate_file_modify", "Modify estate file",
			"Change an estate file's kind (Art), title, free text or document attribute; a new Titelbild turns the old one into a Foto.",
			modifyEstateFile), previewEstateFileModify),
		withPreview(define("estate_file_delete", "Delete estate file",
			"Delete a file from an estate. Cannot be undone.",
			deleteEstateFile), previewEstateFileDelete),
		define("saved_filter_list", "List saved filters",
			"List the filters saved in onOffice for estates or addresses; an id goes into filterid[[ (filterId in estate_search)]].",
			listSavedFilters),
		withPreview(define("worklist_create", "Create work list",
			"Create a work list of estates or addresses (the API cannot change or delete it later).",
			createWorkList), previewWorkList),
		define("price_offer_read", "Read purchase price offer",
			"Read the purchase price a prospect offered for an estate.",
			readPriceOffer),
		withPreview(define("price_offer_create", "Record purchase price offer",
			"Record a prospect's purchase price offer for an estate; links the prospect if needed and raises the advisory level to C, but logs no activity[[ (agents_log_create)]].",
			createPriceOffer), previewPriceOffer),
		define("estate_tracking_read", "Read estate tracking account",
			"Check an owner-portal (estate tracking) login and show its address and estates; wrong passwords lock it.",
			readTracking),
		withPreview(define("estate_tracking_account_create", "Create estate tracking account",
			"Create an owner-portal (estate tracking) login for an estate.",
			createTracking), previewTracking),
		define("estate_category_list", "List estate categories",
			"List the keys of objektart (with objekttyp), nutzungsart and vermarktungsart.",
			listEstateCategories),
		define("estate_search", "Quick search estates",
			"Quick search in external number, town, street with house number and owner name; every word must match.",
			searchEstates),
		define("estate_seeker_list", "Find prospects for an estate",
			"Immomatching: prospects whose active search profiles fit an estate or given values, with hit rate and deviations.",
			listSeekers),
		define("statistics_widget_list", "List estate statistics widgets",
			"List the widgets of the estate statistics tab (what they count, chart, owner reporting), not figures.",
			listStatisticWidgets),
	}
}

// defaultEstateFields are read when the model names no fields.
var defaultEstateFields = []string{"objekttitel", "objektart", "vermarktungsart", "ort", "kaufpreis", "kaltmiete", "wohnflaeche", "anzahl_zimmer", "status", "verkauft", "reserviert"}

// EstateReadParams are the arguments of estate_read.
type EstateReadParams struct {
	ID                int       `json:"id,omitempty" jsonschema:"minimum=1"`
	Data              []string  `json:"data,omitempty" jsonschema_description:"e.g. [\"objekttitel\",\"kaufpreis\",\"ort\"]"`
	Filter            Filter    `json:"filter,omitempty"`
	FilterID          int       `json:"filterid,omitempty" jsonschema:"minimum=1" jsonschema_description:"Saved filter[[ (saved_filter_list)]]"`
	SortBy            SortBy    `json:"sortby,omitempty"`
	ListLimit         int       `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=500,default=20"`
	ListOffset        int       `json:"listoffset,omitempty" jsonschema:"minimum=0,default=0"`
	EstateLanguage    string    `json:"estatelanguage,omitempty" jsonschema:"pattern=^[A-Z]{3}$" jsonschema_description:"Language version, e.g. ENG"`
	AddEstateLanguage bool      `json:"addestatelanguage,omitempty"`
	AddMainLangID     bool      `json:"addMainLangId,omitempty"`
	GeoRangeSearch    *GeoRange `json:"georangesearch,omitempty"`
}

// GeoRange is a radius search around a postcode, town or coordinates.
type GeoRange struct {
	Country   string `json:"country,omitempty" jsonschema:"pattern=^[A-Z]{3}$" jsonschema_description:"e.g. DEU; needed with zip or city"`
	Zip       string `json:"zip,omitempty"`
	City      string `json:"city,omitempty"`
	Latitude  string `json:"latitude,omitempty"`
	Longitude string `json:"longitude,omitempty"`
	Radius    int    `json:"radius" jsonschema:"required,minimum=1" jsonschema_description:"km"`
}

func readEstates(ctx context.Context, env *Env, p EstateReadParams) (*Result, error) {
	lp := listParams{Data: p.Data, Filter: p.Filter, SortBy: p.SortBy, ListLimit: p.ListLimit, ListOffset: p.ListOffset}.withDefaults(defaultEstateFields)
	if err := lp.check(ctx, env, "estate", "language", "mainLangId"); err != nil {
		return nil, err
	}
	params := map[string]any{}
	lp.apply(params)
	// A zero price means "on request" only together with its flag.
	companions := estatePriceCompanions(lp.Data)
	params["data"] = append(append([]string{}, lp.Data...), companions...)
	setIf(params, "filterid", p.FilterID, p.FilterID > 0)
	setIf(params, "estatelanguage", p.EstateLanguage, p.EstateLanguage != "")
	setIf(params, "addestatelanguage", true, p.AddEstateLanguage)
	setIf(params, "addMainLangId", true, p.AddMainLangID)
	if g := p.GeoRangeSearch; g != nil {
		if (g.Latitude == "") != (g.Longitude == "") || (g.Latitude == "" && g.Zip == "" && g.City == "") {
			return nil, argErrorf("georangesearch", "give zip or city with country, or latitude and longitude")
		}
		if g.Latitude == "" && g.Country == "" {
			return nil, argErrorf("georangesearch.country", "is required with zip or city")
		}
		params["georangesearch"] = geoWire(g)
	}
	return lp.readList(ctx, env, "estate", p.ID, params, condense.List{Noun: "estates", Requested: lp.Data, Tool: "estate_read", Hidden: companions, Zero: estatePriceOnRequest}, p)
}

func geoWire(g *GeoRange) map[string]any {
	// The radius goes as an integer, as every working client sends it; the
	// docs page's example writes it as a string (the sandbox takes both).
	out := map[string]any{"radius": g.Radius}
	for k, v := range map[string]string{"country": g.Country, "zip": g.Zip, "city": g.City, "latitude": g.Latitude, "longitude": g.Longitude} {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// create and modify

// EstateData is a data object of field → value.
type EstateData map[string]any

// EstateCreateParams are the arguments of estate_create.
type EstateCreateParams struct {
	Data EstateData `json:"data" jsonschema:"required" jsonschema_description:"e.g. {\"objektart\":\"wohnung\",\"vermarktungsart\":\"miete\",\"kaltmiete\":950}"`
}

// EstateModifyParams are the arguments of estate_modify.
type EstateModifyParams struct {
	ID             int        `json:"id" jsonschema:"required,minimum=1"`
	Data           EstateData `json:"data" jsonschema:"required"`
	EstateLanguage string     `json:"estatelanguage,omitempty" jsonschema:"pattern=^[A-Z]{3}$" jsonschema_description:"Language version, e.g. ENG"`
}

func createEstate(ctx context.Context, env *Env, p EstateCreateParams) (*Result, error) {
	if err := checkData(ctx, env, "estate", "data", p.Data); err != nil {
		return nil, err
	}
	res, err := env.call(ctx, "", map[string]any{"data": map[string]any(p.Data)})
	if err != nil {
		return nil, err
	}
	id := firstID(res)
	if id == "" {
		return nil, fmt.Errorf("onOffice created the estate but returned no id")
	}
	return withStructured(env, condense.Text("Estate %s created with %s.", id, strings.Join(keys(p.Data), ", ")),
		map[string]any{"id": id}), nil
}

func previewEstateCreate(ctx context.Context, env *Env, p EstateCreateParams) (*Preview, error) {
	if err := checkData(ctx, env, "estate", "data", p.Data); err != nil {
		return nil, err
	}
	mf := moduleFields(ctx, env, "estate")
	target := env.say("new estate", "neue Immobilie")
	if t, ok := p.Data["objekttitel"].(string); ok && t != "" {
		target += fmt.Sprintf(" %q", t)
	}
	pv := &Preview{Target: target}
	for _, name := range keys(p.Data) {
		pv.Changes = append(pv.Changes, name+": "+showNew(env, fieldOf(mf, name), p.Data[name]))
	}
	return pv, nil
}

func modifyEstate(ctx context.Context, env *Env, p EstateModifyParams) (*Result, error) {
	if err := checkData(ctx, env, "estate", "data", p.Data); err != nil {
		return nil, err
	}
	params := map[string]any{"data": map[string]any(p.Data)}
	setIf(params, "estatelanguage", p.EstateLanguage, p.EstateLanguage != "")
	_, err := env.call(ctx, strconv.Itoa(p.ID), params)
	if err != nil {
		return nil, err
	}
	return condense.Text("Estate %d modified: %s.", p.ID, strings.Join(keys(p.Data), ", ")), nil
}

func previewEstateModify(ctx context.Context, env *Env, p EstateModifyParams) (*Preview, error) {
	if err := checkData(ctx, env, "estate", "data", p.Data); err != nil {
		return nil, err
	}
	names := keys(p.Data)
	target, el, err := estateTarget(ctx, env, p.ID, p.EstateLanguage, names...)
	if err != nil {
		return nil, err
	}
	pv := &Preview{Target: target, RecordID: strconv.Itoa(p.ID)}
	pv.fieldChanges(env, moduleFields(ctx, env, "estate"), el, names, func(fi *onoffice.FieldInfo, name string) string {
		return showNew(env, fi, p.Data[name])
	})
	return pv, nil
}

// estateTarget reads an estate to name it in a preview: `estate 3120 "title"`.
func estateTarget(ctx context.Context, env *Env, id int, lang string, fields ...string) (string, map[string]any, error) {
	data := append([]string{"objekttitel"}, fields...)
	params := map[string]any{"data": data}
	if lang != "" {
		params["estatelanguage"] = lang
	}
	el, found, err := readOne(ctx, env, "estate", id, params)
	if err != nil {
		return "", nil, err
	}
	if !found {
		return "", nil, &ArgError{Arg: "id", Message: fmt.Sprintf("estate %d does not exist or is not readable", id)}
	}
	title, _ := el["objekttitel"].(string)
	return recordLabel(env.noun("estate"), id, title), el, nil
}

// renameArg points an argument error at the tool's own name for the argument.
func renameArg(err error, arg string) error {
	var ae *ArgError
	if errors.As(err, &ae) {
		return &ArgError{Arg: arg, Message: ae.Message}
	}
	return err
}

// showNew renders a value the model wants to write, select keys as labels.
func showNew(env *Env, fi *onoffice.FieldInfo, v any) string {
	label := func(k string) string {
		if fi != nil {
			if l, ok := fi.Permitted[k]; ok && l != k {
				return l + " (" + k + ")"
			}
		}
		return k
	}
	if fi != nil && fi.Type == "boolean" {
		switch fmt.Sprint(v) {
		case "1", "true", "0", "false":
			return env.flag(fi, fmt.Sprint(v))
		}
	}
	switch t := v.(type) {
	case nil:
		return "(empty)"
	case string:
		if t == "" {
			return "(empty)"
		}
		return label(t)
	case float64:
		return label(strconv.FormatFloat(t, 'f', -1, 64))
	case bool:
		if t {
			return "yes"
		}
		return "no"
	case []any:
		if len(t) == 0 {
			return "(empty)"
		}
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = label(fmt.Sprint(e))
		}
		return strings.Join(parts, ", ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// ---------------------------------------------------------------------------
// PDF exposé

// EstatePDFExposeParams are the arguments of estate_pdf_expose.
type EstatePDFExposeParams struct {
	EstateID            int    `json:"estateid" jsonschema:"required,minimum=1"`
	Template            string `json:"template" jsonschema:"required" jsonschema_description:"e.g. urn:onoffice-de-ns:smart:2.5:pdf:expose:lang:Standard"`
	AddressIDs          []int  `json:"addressids,omitempty" jsonschema_description:"Recipients printed"`
	Language            string `json:"language,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
	ForceEstateLocation bool   `json:"forceEstateLocation,omitempty" jsonschema_description:"Print the street even if not released"`
}

var pdfTemplateRE = regexp.MustCompile(`^urn:onoffice-de-ns:smart:2\.5:pdf:expose:[A-Za-z]+:.+`)

func pdfExpose(ctx context.Context, env *Env, p EstatePDFExposeParams) (*Result, error) {
	if !pdfTemplateRE.MatchString(p.Template) {
		return nil, argErrorf("template", "must be a PDF exposé identifier like urn:onoffice-de-ns:smart:2.5:pdf:expose:kurz:<name>[[; template_list with type pdf lists them]]")
	}
	params := map[string]any{"estateid": p.EstateID, "template": p.Template, "gzcompress": true}
	setIf(params, "addressids", p.AddressIDs, len(p.AddressIDs) > 0)
	setIf(params, "language", p.Language, p.Language != "")
	setIf(params, "forceEstateLocation", true, p.ForceEstateLocation)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, fmt.Errorf("onOffice returned no document")
	}
	el := res.Records[0].Fields()
	doc, _ := el["document"].(string)
	pdf, err := decodePDF(doc)
	if err != nil {
		return nil, err
	}
	pages := countPages(pdf)
	pageText := "page count unknown"
	if pages > 0 {
		pageText = fmt.Sprintf("%d page%s", pages, map[bool]string{true: "", false: "s"}[pages == 1])
	}
	text := fmt.Sprintf("PDF exposé of estate %d generated with template %s: %s, %s", p.EstateID, p.Template, pageText, byteSize(len(pdf)))
	if p.Language != "" {
		text += ", language " + p.Language
	}
	out := &Result{}
	limit := env.Render.DocumentCapOf()
	attached := len(pdf) <= limit
	if attached {
		name := fmt.Sprintf("expose-%d.pdf", p.EstateID)
		text += fmt.Sprintf(". Attached: the PDF document %s (application/pdf, %s).", name, byteSize(len(pdf)))
		out.Documents = []Document{{URI: fmt.Sprintf("onoffice://estate/%d/%s", p.EstateID, name), MIMEType: "application/pdf", Data: pdf}}
	} else {
		text += fmt.Sprintf(". Not attached: the document is larger than the server's cap for documents of %s (--document-cap)[[; email_send can send it by its template]].", byteSize(limit))
	}
	out.Text = text
	return withStructured(env, out, map[string]any{"estateid": p.EstateID, "template": p.Template, "bytes": len(pdf), "pages": pages, "attached": attached}), nil
}

// decodePDF undoes the base64 and, when present, the zlib compression.
func decodePDF(doc string) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(doc))
	if err != nil {
		return nil, fmt.Errorf("onOffice returned a document that is not base64: %w", err)
	}
	if bytes.HasPrefix(raw, []byte("%PDF")) {
		return raw, nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("onOffice returned a document that is neither PDF nor compressed PDF")
	}
	defer zr.Close()
	pdf, err := io.ReadAll(io.LimitReader(zr, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("cannot decompress the exposé: %w", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		return nil, fmt.Errorf("the exposé returned by onOffice is not a PDF")
	}
	return pdf, nil
}

var pageRE = regexp.MustCompile(`/Type\s*/Page[^s]`)

// countPages counts page objects; 0 when they sit in compressed object streams.
func countPages(pdf []byte) int { return len(pageRE.FindAll(pdf, -1)) }

func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ---------------------------------------------------------------------------
// files and pictures

// EstateFileListParams are the arguments of estate_file_list.
type EstateFileListParams struct {
	EstateID              int    `json:"estateid" jsonschema:"required,minimum=1"`
	FileID                int    `json:"fileid,omitempty" jsonschema:"minimum=1"`
	DocumentAttribute     string `json:"documentAttribute,omitempty" jsonschema_description:"e.g. document_expose"`
	IncludeImageURL       string `json:"includeImageUrl,omitempty" jsonschema:"enum=small,enum=medium,enum=original"`
	ShowPublished         bool   `json:"showispublishedonhomepage,omitempty"`
	ShowPublicationStatus bool   `json:"showpublicationstatus,omitempty"`
	ListLimit             int    `json:"listlimit,omitempty" jsonschema:"minimum=1,maximum=100,default=20"`
	ListOffset            int    `json:"listoffset,omitempty" jsonschema:"minimum=0"`
}

var fileListFields = []string{"type", "title", "originalname", "position", "category", "documentAttribute", "fileSize", "modified", "url", "imageUrl", "ispublishedonhomepage", "publicationstatus", "freetext"}

func listEstateFiles(ctx context.Context, env *Env, p EstateFileListParams) (*Result, error) {
	p.ListLimit = cmp.Or(p.ListLimit, 20)
	pg := paging{limit: p.ListLimit, offset: p.ListOffset}
	params := map[string]any{"estateid": p.EstateID}
	pg.apply(params)
	setIf(params, "fileid", p.FileID, p.FileID > 0)
	setIf(params, "documentAttribute", p.DocumentAttribute, p.DocumentAttribute != "")
	setIf(params, "includeImageUrl", p.IncludeImageURL, p.IncludeImageURL != "")
	setIf(params, "showispublishedonhomepage", true, p.ShowPublished)
	setIf(params, "showpublicationstatus", true, p.ShowPublicationStatus)
	res, err := env.call(ctx, "estate", params)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(withoutContent(res.Raw))}, nil
	}
	res = rewriteRecords(res, func(el map[string]any) []map[string]any {
		if c, ok := el["content"].(string); ok {
			delete(el, "content")
			el["content"] = fmt.Sprintf("%s, not shown", byteSize(base64.StdEncoding.DecodedLen(len(c))))
		}
		if n, ok := el["fileSize"].(float64); ok {
			el["fileSize"] = byteSize(int(n))
		}
		if ps, ok := el["publicationstatus"].(map[string]any); ok {
			el["publicationstatus"] = portalStatus(ps)
		}
		// name and filename are storage UUIDs, of no use to a reader.
		delete(el, "name")
		delete(el, "filename")
		unixDate(el, "modified")
		return []map[string]any{el}
	})
	l := condense.List{Noun: "files of estate " + strconv.Itoa(p.EstateID), Requested: fileListFields,
		Page: pg.page(p)}
	return condense.Records(res, l, env.Render), nil
}

// withoutContent removes the base64 file contents from a raw answer.
func withoutContent(raw json.RawMessage) json.RawMessage {
	var v struct {
		Data struct {
			Records []map[string]any `json:"records"`
		} `json:"data"`
	}
	var all map[string]any
	if json.Unmarshal(raw, &v) != nil || json.Unmarshal(raw, &all) != nil {
		return raw
	}
	for _, r := range v.Data.Records {
		if el, ok := r["elements"].(map[string]any); ok {
			if c, ok := el["content"].(string); ok {
				el["content"] = fmt.Sprintf("(%d base64 characters left out)", len(c))
			}
		}
	}
	if data, ok := all["data"].(map[string]any); ok {
		data["records"] = v.Data.Records
	}
	out, err := json.Marshal(all)
	if err != nil {
		return raw
	}
	return out
}

// unixDate turns a Unix-seconds element into a date.
// unixDate shows a file date as YYYY-MM-DD: real answers carry it as a Unix
// epoch (a number, or digits in a string) in one module and as a date string
// in another; a date string stays as it is, and 0 means no date.
func unixDate(el map[string]any, key string) {
	var n int64
	switch v := el[key].(type) {
	case float64:
		n = int64(v)
	case string:
		p, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return // a date string
		}
		n = p
	default:
		return
	}
	if n <= 0 {
		delete(el, key)
		return
	}
	el[key] = time.Unix(n, 0).UTC().Format("2006-01-02")
}

// portalStatus flattens the per-portal release into "Portal: yes, …".
func portalStatus(ps map[string]any) string {
	var parts []string
	for _, k := range keys(ps) {
		entry, _ := ps[k].(map[string]any)
		name := fmt.Sprint(entry["portalname"])
		on := fmt.Sprint(entry["status"]) == "1"
		parts = append(parts, name+": "+yesNo(on))
	}
	return strings.Join(parts, ", ")
}

// rewriteRecords lets a tool change or split the elements of each record.
func rewriteRecords(res onoffice.Result, fn func(el map[string]any) []map[string]any) onoffice.Result {
	var out []onoffice.Record
	for _, rec := range res.Records {
		var list []map[string]any
		if err := json.Unmarshal(rec.Elements, &list); err != nil {
			var one map[string]any
			if json.Unmarshal(rec.Elements, &one) != nil {
				out = append(out, rec)
				continue
			}
			list = []map[string]any{one}
		}
		for _, el := range list {
			for _, changed := range fn(el) {
				r := rec
				r.Elements, _ = json.Marshal(changed)
				out = append(out, r)
			}
		}
	}
	res.Records = out
	return res
}

// EstatePictureListParams are the arguments of estate_picture_list.
type EstatePictureListParams struct {
	EstateIDs          []int    `json:"estateids" jsonschema:"required,minItems=1,maxItems=500"`
	Categories         []string `json:"categories" jsonschema:"required,minItems=1,enum=Titelbild,enum=Foto,enum=Foto_gross,enum=Grundriss,enum=Lageplan,enum=Epass_Skala,enum=Panorama,enum=Link,enum=Film-Link,enum=Ogulo-Link,enum=Objekt-Link,enum=Expose"`
	Size               string   `json:"size,omitempty" jsonschema:"pattern=^([0-9]+x[0-9]+|original)$" jsonschema_description:"WIDTHxHEIGHT, e.g. 800x600, or original"`
	Language           string   `json:"language,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
	PublicationSetting string   `json:"publicationSetting,omitempty" jsonschema:"enum=Homepage,enum=Word_kurz,enum=Word_lang,enum=PDF_kurz,enum=PDF_lang,enum=HTML_kurz,enum=HTML_lang,enum=Web_kurz,enum=Web_lang"`
}

func listEstatePictures(ctx context.Context, env *Env, p EstatePictureListParams) (*Result, error) {
	params := map[string]any{"estateids": p.EstateIDs, "categories": p.Categories}
	setIf(params, "size", p.Size, p.Size != "")
	setIf(params, "language", p.Language, p.Language != "")
	setIf(params, "publicationSetting", p.PublicationSetting, p.PublicationSetting != "")
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	if !env.Render.Raw {
		// Each record may hold several language versions of one picture.
		res = rewriteRecords(res, func(el map[string]any) []map[string]any {
			if text(el["estateMainId"]) == text(el["estateid"]) {
				delete(el, "estateMainId")
			}
			unixDate(el, "modified")
			return []map[string]any{el}
		})
		res.Total = len(res.Records)
	}
	l := condense.List{Noun: "pictures", Requested: []string{"estateid", "type", "title", "text", "url", "originalname", "modified"}}
	nameRefs(ctx, env, res, &l)
	return condense.Records(res, l, env.Render), nil
}

// EstateFileModifyParams are the arguments of estate_file_modify.
type EstateFileModifyParams struct {
	ParentID          int    `json:"parentid" jsonschema:"required,minimum=1" jsonschema_description:"Estate id"`
	FileID            int    `json:"fileId" jsonschema:"required,minimum=1"`
	Art               string `json:"Art,omitempty" jsonschema:"enum=Titelbild,enum=Foto,enum=Foto_gross,enum=Grundriss,enum=Lageplan,enum=Stadtplan,enum=Panorama,enum=Epass_Skala,enum=Expose,enum=Dokument,enum=Aushang,enum=Mietaufstellung,enum=Energieausweis,enum=Finanzierungsbeispiel,enum=Anzeigen,enum=LOGO,enum=Banner,enum=QR-Code,enum=Link,enum=Film-Link,enum=Ogulo-Link,enum=Objekt-Link" jsonschema_description:"Dokument is internal"`
	Title             string `json:"title,omitempty"`
	Freetext          string `json:"freetext,omitempty"`
	DocumentAttribute string `json:"documentAttribute,omitempty" jsonschema_description:"Unique per estate"`
	Language          string `json:"language,omitempty" jsonschema:"pattern=^[A-Z]{3}$"`
}

// changes returns the given values; at least one is required.
func (p EstateFileModifyParams) changes() (map[string]string, error) {
	ch := map[string]string{}
	for k, v := range map[string]string{"Art": p.Art, "title": p.Title, "freetext": p.Freetext, "documentAttribute": p.DocumentAttribute} {
		if v != "" {
			ch[k] = v
		}
	}
	if len(ch) == 0 {
		return nil, argErrorf("Art", "give at least one of Art, title, freetext or documentAttribute")
	}
	return ch, nil
}

func modifyEstateFile(ctx context.Context, env *Env, p EstateFileModifyParams) (*Result, error) {
	ch, err := p.changes()
	if err != nil {
		return nil, err
	}
	params := map[string]any{"relationtype": "estate", "parentid": p.ParentID, "fileId": p.FileID}
	for k, v := range ch {
		params[k] = v
	}
	setIf(params, "language", p.Language, p.Language != "")
	if _, err := env.call(ctx, "", params); err != nil {
		return nil, err
	}
	return condense.Text("File %d of estate %d modified: %s.", p.FileID, p.ParentID, strings.Join(keys(ch), ", ")), nil
}

func previewEstateFileModify(ctx context.Context, env *Env, p EstateFileModifyParams) (*Preview, error) {
	ch, err := p.changes()
	if err != nil {
		return nil, err
	}
	files, f, err := estateFile(ctx, env, p.ParentID, p.FileID)
	if err != nil {
		return nil, err
	}
	pv := &Preview{Target: fileTarget(env, p.ParentID, p.FileID, f), RecordID: strconv.Itoa(p.FileID)}
	current := map[string]string{"Art": text(f["type"]), "title": text(f["title"]), "freetext": text(f["freetext"]), "documentAttribute": text(f["documentAttribute"])}
	for _, k := range keys(ch) {
		pv.change(k, cmp.Or(current[k], "(empty)"), ch[k])
	}
	if ch["Art"] == "Titelbild" {
		for _, id := range keys(files) {
			if id != strconv.Itoa(p.FileID) && text(files[id]["type"]) == "Titelbild" {
				pv.Changes = append(pv.Changes, fmt.Sprintf(env.say("file %s (current Titelbild): Art: Titelbild → Foto", "Datei %s (bisheriges Titelbild): Art: Titelbild → Foto"), id))
			}
		}
	}
	return pv, nil
}

// EstateFileDeleteParams are the arguments of estate_file_delete.
type EstateFileDeleteParams struct {
	ParentID int `json:"parentid" jsonschema:"required,minimum=1" jsonschema_description:"Estate id"`
	FileID   int `json:"fileId" jsonschema:"required,minimum=1"`
}

func deleteEstateFile(ctx context.Context, env *Env, p EstateFileDeleteParams) (*Result, error) {
	params := map[string]any{"relationtype": "estate", "parentid": p.ParentID, "fileId": p.FileID}
	if _, err := env.call(ctx, "", params); err != nil {
		return nil, err
	}
	return condense.Text("File %d deleted from estate %d.", p.FileID, p.ParentID), nil
}

func previewEstateFileDelete(ctx context.Context, env *Env, p EstateFileDeleteParams) (*Preview, error) {
	_, f, err := estateFile(ctx, env, p.ParentID, p.FileID)
	if err != nil {
		return nil, err
	}
	return &Preview{Target: fileTarget(env, p.ParentID, p.FileID, f), RecordID: strconv.Itoa(p.FileID),
		Changes: []string{fmt.Sprintf(env.say("delete file %d %s", "Datei %d %s löschen"), p.FileID, condense.Untrusted(text(f["type"])+", "+text(f["originalname"])))}}, nil
}

// estateFile reads the files of an estate and picks one of them; the error
// names fileId when the estate has no such file.
func estateFile(ctx context.Context, env *Env, estateID, fileID int) (map[string]map[string]any, map[string]any, error) {
	files, err := estateFiles(ctx, env, estateID)
	if err != nil {
		return nil, nil, err
	}
	f, ok := files[strconv.Itoa(fileID)]
	if !ok {
		return nil, nil, argErrorf("fileId", "estate %d has no file %d[[; estate_file_list lists its files]]", estateID, fileID)
	}
	return files, f, nil
}

// estateFiles reads the metadata of every file of an estate, keyed by file id.
func estateFiles(ctx context.Context, env *Env, estateID int) (map[string]map[string]any, error) {
	out := map[string]map[string]any{}
	for offset := 0; ; offset += 100 {
		res, err := env.API.Call(ctx, rowOf("estate_file_list").request("estate", map[string]any{"estateid": estateID, "listlimit": 100, "listoffset": offset}))
		if err != nil {
			return nil, err
		}
		for _, r := range res.Records {
			out[r.IDString()] = r.Fields()
		}
		if len(res.Records) < 100 || (res.Total >= 0 && offset+100 >= res.Total) {
			return out, nil
		}
	}
}

func fileTarget(env *Env, estateID, fileID int, f map[string]any) string {
	name := text(f["title"])
	if name == "" {
		name = text(f["originalname"])
	}
	return fmt.Sprintf(env.say("file %d %s of estate %d", "Datei %d %s der Immobilie %d"), fileID, condense.Untrusted(name+" ("+text(f["type"])+")"), estateID)
}

// ---------------------------------------------------------------------------
// saved filters and work lists

// SavedFilterListParams are the arguments of saved_filter_list.
type SavedFilterListParams struct {
	Module string `json:"module" jsonschema:"required,enum=estate,enum=address"`
}

func listSavedFilters(ctx context.Context, env *Env, p SavedFilterListParams) (*Result, error) {
	return listCall(ctx, env, env.request("", map[string]any{"module": p.Module}),
		condense.List{Noun: p.Module + " filters", Requested: []string{"name", "scope", "userId", "groupId"}})
}

// WorkListCreateParams are the arguments of worklist_create.
type WorkListCreateParams struct {
	ListName   string `json:"listName" jsonschema:"required,minLength=1,maxLength=100"`
	Type       string `json:"type" jsonschema:"required,enum=estate,enum=address"`
	Visibility *int   `json:"visibility,omitempty" jsonschema:"enum=0,enum=1,enum=2" jsonschema_description:"0 public, 1 private (userId), 2 group (groupId); required unless stv_flag"`
	STVFlag    bool   `json:"stv_flag,omitempty" jsonschema_description:"Create a shop-window TV list instead"`
	UserID     int    `json:"userId,omitempty" jsonschema:"minimum=1" jsonschema_description:"Owner of a private list; default you"`
	GroupID    int    `json:"groupId,omitempty" jsonschema:"minimum=1" jsonschema_description:"Group of a group list"`
	IDs        []int  `json:"ids" jsonschema:"required,minItems=1,maxItems=500"`
}

func (p WorkListCreateParams) check() error {
	if p.Visibility == nil && !p.STVFlag {
		return argErrorf("visibility", "is required (0 public, 1 private, 2 group) unless stv_flag is true")
	}
	v := -1
	if p.Visibility != nil && !p.STVFlag {
		v = *p.Visibility
	}
	if p.UserID > 0 && v != 1 {
		return argErrorf("userId", "is only used with visibility 1 (private)")
	}
	if p.GroupID > 0 && v != 2 {
		return argErrorf("groupId", "is only used with visibility 2 (group)")
	}
	return nil
}

func createWorkList(ctx context.Context, env *Env, p WorkListCreateParams) (*Result, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	params := map[string]any{"listName": p.ListName, "type": p.Type, "ids": p.IDs}
	if p.STVFlag {
		params["stv_flag"] = true
	} else {
		params["visibility"] = *p.Visibility
	}
	setIf(params, "userId", p.UserID, p.UserID > 0)
	setIf(params, "groupId", p.GroupID, p.GroupID > 0)
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	noun := map[string]string{"estate": "estates", "address": "addresses"}[p.Type]
	if id := firstID(res); id != "" && id != "0" {
		return condense.Text("Work list %s %q created with %d %s.", id, p.ListName, len(p.IDs), noun), nil
	}
	return condense.Text("Work list %q created with %d %s.", p.ListName, len(p.IDs), noun), nil
}

func previewWorkList(ctx context.Context, env *Env, p WorkListCreateParams) (*Preview, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	kind := env.say("new shop-window TV list", "neue Schaufenster-TV-Liste")
	if !p.STVFlag {
		kind = map[int]string{0: env.say("new public work list", "neue öffentliche Arbeitsliste"), 1: env.say("new private work list", "neue private Arbeitsliste"),
			2: env.say("new group work list", "neue Gruppen-Arbeitsliste")}[*p.Visibility]
	}
	return &Preview{Target: fmt.Sprintf(env.say("%s %q of %s records", "%s %q mit Datensätzen des Typs %s"), kind, p.ListName, env.noun(p.Type)),
		Changes: []string{fmt.Sprintf("ids (%d): %s", len(p.IDs), idsNamed(ctx, env, p.Type, p.IDs))}}, nil
}

// ---------------------------------------------------------------------------
// purchase price offers

// PriceOfferReadParams are the arguments of price_offer_read.
type PriceOfferReadParams struct {
	EstateID  int `json:"estateId" jsonschema:"required,minimum=1"`
	AddressID int `json:"addressId" jsonschema:"required,minimum=1" jsonschema_description:"The prospect"`
}

func readPriceOffer(ctx context.Context, env *Env, p PriceOfferReadParams) (*Result, error) {
	offer, err := currentOffer(ctx, env, p.EstateID, p.AddressID)
	if err != nil {
		return nil, err
	}
	if offer == "" {
		return condense.Text("Address %d has made no purchase price offer for estate %d.", p.AddressID, p.EstateID), nil
	}
	return withStructured(env, condense.Text("Purchase price offer of address %d for estate %d: %s", p.AddressID, p.EstateID, offer),
		map[string]any{"priceOffer": offer}), nil
}

func currentOffer(ctx context.Context, env *Env, estateID, addressID int) (string, error) {
	res, err := env.API.Call(ctx, rowOf("price_offer_read").request("", map[string]any{"estateId": estateID, "addressId": addressID}))
	if err != nil {
		return "", err
	}
	if len(res.Records) == 0 {
		return "", nil
	}
	return strings.TrimSpace(text(res.Records[0].Fields()["priceOffer"])), nil
}

// PriceOfferCreateParams are the arguments of price_offer_create.
type PriceOfferCreateParams struct {
	EstateID   int     `json:"estateId" jsonschema:"required,minimum=1"`
	AddressID  int     `json:"addressId" jsonschema:"required,minimum=1" jsonschema_description:"The prospect"`
	PriceOffer float64 `json:"priceOffer" jsonschema:"required,exclusiveMinimum=0" jsonschema_description:"e.g. 372500"`
}

func createPriceOffer(ctx context.Context, env *Env, p PriceOfferCreateParams) (*Result, error) {
	_, err := env.call(ctx, "", map[string]any{"estateId": p.EstateID, "addressId": p.AddressID, "priceOffer": p.PriceOffer})
	if err != nil {
		return nil, err
	}
	return condense.Text("Purchase price offer %s of address %d for estate %d recorded.",
		strconv.FormatFloat(p.PriceOffer, 'f', -1, 64), p.AddressID, p.EstateID), nil
}

func previewPriceOffer(ctx context.Context, env *Env, p PriceOfferCreateParams) (*Preview, error) {
	target, _, err := estateTarget(ctx, env, p.EstateID, "")
	if err != nil {
		return nil, renameArg(err, "estateId")
	}
	// A named address exists; only one without a name is checked apart.
	prospect := idsNamed(ctx, env, "address", []int{p.AddressID})
	if prospect == strconv.Itoa(p.AddressID) {
		if err := checkRecords(ctx, env, "address", "addressId", p.AddressID); err != nil {
			return nil, err
		}
	}
	before, err := currentOffer(ctx, env, p.EstateID, p.AddressID)
	if err != nil {
		return nil, err
	}
	pv := &Preview{Target: fmt.Sprintf(env.say("%s, prospect address %s", "%s, Interessent Adresse %s"), target, prospect), RecordID: strconv.Itoa(p.EstateID)}
	pv.change("priceOffer", cmp.Or(before, "(none)"), strconv.FormatFloat(p.PriceOffer, 'f', -1, 64))
	pv.Changes = append(pv.Changes, env.say("advisory level: raised to C if lower", "Beratungsstufe: auf C angehoben, falls niedriger"))
	return pv, nil
}

// ---------------------------------------------------------------------------
// estate tracking (owner portal)

// TrackingReadParams are the arguments of estate_tracking_read.
type TrackingReadParams struct {
	AccountName string `json:"accountname" jsonschema:"required,minLength=1"`
	Password    string `json:"password" jsonschema:"required,minLength=1"`
}

func readTracking(ctx context.Context, env *Env, p TrackingReadParams) (*Result, error) {
	res, err := env.call(ctx, "", map[string]any{"accountname": p.AccountName, "password": p.Password})
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return condense.Text("No tracking account found."), nil
	}
	rec := res.Records[0]
	el := rec.Fields()
	var estates []string
	var estateIDs []int
	if m, ok := el["estateids"].(map[string]any); ok {
		ks := keys(m)
		sort.SliceStable(ks, func(i, j int) bool { a, _ := strconv.Atoi(ks[i]); b, _ := strconv.Atoi(ks[j]); return a < b })
		for _, k := range ks {
			estates = append(estates, text(m[k]))
			if id, err := strconv.Atoi(text(m[k])); err == nil {
				estateIDs = append(estateIDs, id)
			}
		}
	}
	addressID, _ := strconv.Atoi(text(el["addressid"]))
	names := recordNames(ctx, env, map[string][]int{"estate": estateIDs, "address": {addressID}})
	parts := []string{fmt.Sprintf("Tracking account %s %s", condense.Name(rec.IDString()), condense.Untrusted(text(el["accountname"])))}
	if addressID > 0 {
		parts = append(parts, recordRef("address", addressID, names))
	}
	for _, id := range estateIDs {
		parts = append(parts, recordRef("estate", id, names))
	}
	for _, k := range []string{"information", "note"} {
		if v := strings.TrimSpace(text(el[k])); v != "" {
			parts = append(parts, k+": "+v)
		}
	}
	return withStructured(env, &Result{Text: strings.Join(parts, " | ")},
		map[string]any{"id": rec.IDString(), "addressid": text(el["addressid"]), "estateids": estates}), nil
}

// TrackingCreateParams are the arguments of estate_tracking_account_create.
type TrackingCreateParams struct {
	AccountName        string `json:"accountname" jsonschema:"required,minLength=1" jsonschema_description:"Often the owner's e-mail"`
	AccountPassword    string `json:"accountpassword" jsonschema:"required,minLength=8"`
	EstateID           int    `json:"estateid" jsonschema:"required,minimum=1"`
	AddressID          int    `json:"addressid,omitempty" jsonschema:"minimum=1" jsonschema_description:"The owner"`
	AccountInformation string `json:"accountinformation,omitempty"`
	AccountNote        string `json:"accountnote,omitempty"`
}

func createTracking(ctx context.Context, env *Env, p TrackingCreateParams) (*Result, error) {
	params := map[string]any{"accountname": p.AccountName, "accountpassword": p.AccountPassword, "estateid": p.EstateID}
	setIf(params, "addressid", p.AddressID, p.AddressID > 0)
	setIf(params, "accountinformation", p.AccountInformation, p.AccountInformation != "")
	setIf(params, "accountnote", p.AccountNote, p.AccountNote != "")
	res, err := env.call(ctx, "", params)
	if err != nil {
		return nil, err
	}
	// The answer repeats the password in plain text; it is deliberately not shown.
	return condense.Text("Tracking account %s %q created for estate %d (password as given, not repeated here).",
		firstID(res), p.AccountName, p.EstateID), nil
}

func previewTracking(ctx context.Context, env *Env, p TrackingCreateParams) (*Preview, error) {
	target, _, err := estateTarget(ctx, env, p.EstateID, "")
	if err != nil {
		return nil, renameArg(err, "estateid")
	}
	ch := []string{"accountname: " + p.AccountName, "accountpassword: (hidden)"}
	if p.AddressID > 0 {
		ch = append(ch, "addressid: "+strconv.Itoa(p.AddressID))
	}
	if p.AccountInformation != "" {
		ch = append(ch, "accountinformation: "+p.AccountInformation)
	}
	if p.AccountNote != "" {
		ch = append(ch, "accountnote: "+p.AccountNote)
	}
	return &Preview{Target: env.say("new tracking account for ", "neues Tracking-Konto für ") + target, RecordID: strconv.Itoa(p.EstateID), Changes: ch}, nil
}

// ---------------------------------------------------------------------------
// categories, quick search, Immomatching, statistics widgets

// NoParams is the argument struct of tools without arguments.
type NoParams struct{}

func listEstateCategories(ctx context.Context, env *Env, _ NoParams) (*Result, error) {
	res, err := env.call(ctx, "", nil)
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	type entry struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	join := func(list []entry) string {
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = e.ID + "=" + e.Name
		}
		return strings.Join(parts, ", ")
	}
	var b strings.Builder
	b.WriteString("Category keys (key=label):\n")
	structured := map[string]any{}
	var kinds []entry
	for _, rec := range res.Records {
		name := rec.IDString()
		if name == "objekttyp" {
			continue
		}
		var list []entry
		_ = json.Unmarshal(rec.Elements, &list)
		structured[name] = list
		if name == "objektart" {
			kinds = list
		}
		fmt.Fprintf(&b, "%s: %s\n", name, join(list))
	}
	for _, rec := range res.Records {
		if rec.IDString() != "objekttyp" {
			continue
		}
		var byKind map[string][]entry
		_ = json.Unmarshal(rec.Elements, &byKind)
		structured["objekttyp"] = byKind
		b.WriteString("objekttyp by objektart:\n")
		order := make([]string, 0, len(byKind))
		for _, k := range kinds {
			if _, ok := byKind[k.ID]; ok {
				order = append(order, k.ID)
			}
		}
		for _, k := range keys(byKind) {
			if !slices.Contains(order, k) {
				order = append(order, k)
			}
		}
		for _, k := range order {
			fmt.Fprintf(&b, "- %s: %s\n", k, join(byKind[k]))
		}
	}
	return withStructured(env, &Result{Text: strings.TrimRight(b.String(), "\n")}, structured), nil
}

// EstateSearchParams are the arguments of estate_search.
type EstateSearchParams struct {
	Input            string `json:"input" jsonschema:"required,minLength=2" jsonschema_description:"e.g. \"Hammer Straße 41\""`
	SortBy           string `json:"sortby,omitempty" jsonschema:"enum=objektnr_extern,enum=ort,enum=strasse,enum=hausnummer"`
	SortOrder        string `json:"sortorder,omitempty" jsonschema:"enum=ASC,enum=DESC"`
	FilterID         int    `json:"filterId,omitempty" jsonschema:"minimum=1" jsonschema_description:"Saved filter[[ (saved_filter_list)]]"`
	Filter           Filter `json:"filter,omitempty"`
	IncludeThumbnail string `json:"includeThumbnail,omitempty" jsonschema:"enum=small,enum=medium" jsonschema_description:"Add title picture URLs"`
}

func searchEstates(ctx context.Context, env *Env, p EstateSearchParams) (*Result, error) {
	if err := (listParams{Filter: p.Filter}).check(ctx, env, "estate"); err != nil {
		return nil, err
	}
	params := map[string]any{"input": p.Input}
	if p.SortBy != "" {
		params["sortby"] = p.SortBy
		setIf(params, "sortorder", p.SortOrder, p.SortOrder != "")
	}
	setIf(params, "filterId", p.FilterID, p.FilterID > 0)
	setIf(params, "filter", p.Filter.wire(), len(p.Filter) > 0)
	setIf(params, "includeThumbnail", p.IncludeThumbnail, p.IncludeThumbnail != "")
	return listCall(ctx, env, env.request("estate", params),
		condense.List{Noun: "estates", Requested: []string{"externalestateno", "type", "street", "houseno", "zipcode", "city", "owner", "thumbnail"}})
}

// EstateSeekerParams are the arguments of estate_seeker_list. The API only
// takes estate values; estateid is our convenience: the tool reads the
// matching-relevant fields of that estate, and estatedata overrides them
// (e.g. to try a lower price).
type EstateSeekerParams struct {
	EstateID   int        `json:"estateid,omitempty" jsonschema:"minimum=1"`
	EstateData EstateData `json:"estatedata,omitempty" jsonschema_description:"Instead of estateid; alternatives comma-separated, e.g. {\"plz\":\"48153,48155\"}"`
	Contact    bool       `json:"contact,omitempty" jsonschema_description:"Add e-mail and phone"`
}

// seekerContactFields are read for contact: true.
var seekerContactFields = []string{"Vorname", "Name", "Zusatz1", "defaultemail", "defaultphone"}

// seekerFields are the estate fields that search criteria can speak about.
var seekerFields = []string{"vermarktungsart", "nutzungsart", "objektart", "objekttyp", "plz", "ort", "land", "breitengrad", "laengengrad",
	"kaufpreis", "kaltmiete", "warmmiete", "wohnflaeche", "nutzflaeche", "grundstuecksflaeche", "anzahl_zimmer", "anzahl_schlafzimmer",
	"baujahr", "balkon_terrasse", "garten", "fahrstuhl", "barrierefrei", "anzahl_stellplaetze", "stellplatzart", "heizungsart"}

func listSeekers(ctx context.Context, env *Env, p EstateSeekerParams) (*Result, error) {
	if p.EstateID == 0 && len(p.EstateData) == 0 {
		return nil, argErrorf("estatedata", "give estateid or estatedata (or both)")
	}
	if len(p.EstateData) > 0 {
		if err := checkFields(ctx, env, "estate", "estatedata", keys(p.EstateData)); err != nil {
			return nil, err
		}
	}
	data := map[string]any{}
	if p.EstateID > 0 {
		el, found, err := readOne(ctx, env, "estate", p.EstateID, map[string]any{"data": seekerFields})
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, argErrorf("estateid", "estate %d does not exist or is not readable", p.EstateID)
		}
		mf := moduleFields(ctx, env, "estate")
		for name, v := range el {
			if s := matchValue(fieldOf(mf, name), v); s != "" {
				data[name] = s
			}
		}
	}
	for k, v := range p.EstateData {
		data[k] = v
	}
	res, err := env.call(ctx, "", map[string]any{"estatedata": data})
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	names, contacts := prospectNames(ctx, env, res.Records, p.Contact)
	res = rewriteRecords(res, func(el map[string]any) []map[string]any {
		out := map[string]any{"percentage": text(el["percentage"]) + "%", "searchcriteria": text(el["searchcriteria"])}
		var dev []string
		if list, ok := el["deviated"].([]any); ok {
			for _, d := range list {
				if m, ok := d.(map[string]any); ok {
					dev = append(dev, keys(m)...)
				}
			}
		}
		if len(dev) > 0 {
			out["deviated"] = strings.Join(dev, ", ")
		}
		return []map[string]any{out}
	})
	editRecords(&res, func(id string, el map[string]any) bool {
		if n := names[id]; n != "" {
			el["name"] = n
		}
		for k, v := range contacts[id] {
			el[k] = v
		}
		return names[id] != "" || len(contacts[id]) > 0
	})
	requested := []string{"name", "percentage", "searchcriteria", "deviated"}
	if p.Contact {
		requested = []string{"name", "email", "phone", "percentage", "searchcriteria", "deviated"}
	}
	subject := "the given estate values"
	if p.EstateID > 0 {
		subject = "estate " + strconv.Itoa(p.EstateID)
	}
	out := condense.Records(res, condense.List{Noun: "prospect addresses", Requested: requested}, env.Render)
	out.Text = "Prospects whose search criteria fit " + subject + " (id = address id, deviated = criteria not met):\n" + out.Text
	return out, nil
}

// matchValue turns a read value into the string form estatedata expects;
// "" leaves the field out. A boolean "0" is kept: it says the feature is missing.
func matchValue(fi *onoffice.FieldInfo, v any) string {
	s := strings.TrimSpace(text(v))
	if fi != nil {
		switch fi.Type {
		case "boolean":
			return s
		case "multiselect":
			var parts []string
			for _, k := range strings.Split(s, "|") {
				if k != "" {
					parts = append(parts, k)
				}
			}
			return strings.Join(parts, ",")
		case "integer", "float":
			if n, err := strconv.ParseFloat(s, 64); err != nil || n == 0 {
				return ""
			}
		}
	}
	if s == "0000-00-00" {
		return ""
	}
	return s
}

// prospectNames reads the names of the matched addresses in one call; a
// failure only costs the names.
// prospectNames reads the names of the prospects in one call and, with
// contact, their main e-mail and phone, keyed by address id.
func prospectNames(ctx context.Context, env *Env, recs []onoffice.Record, contact bool) (map[string]string, map[string]map[string]any) {
	ids := recordIDs(recs)
	ids = ids[:min(len(ids), 500)]
	names, contacts := map[string]string{}, map[string]map[string]any{}
	if len(ids) == 0 {
		return names, contacts
	}
	fields := addressNameFields
	if contact {
		fields = seekerContactFields
	}
	res, err := env.API.Call(ctx, addressesByID(ids, fields))
	if err != nil {
		return names, contacts
	}
	for _, r := range res.Records {
		el := r.Fields()
		names[r.IDString()] = cmp.Or(strings.TrimSpace(text(el["Vorname"])+" "+text(el["Name"])), text(el["Zusatz1"]))
		if contact {
			c := map[string]any{}
			setIf(c, "email", text(el["defaultemail"]), text(el["defaultemail"]) != "")
			setIf(c, "phone", text(el["defaultphone"]), text(el["defaultphone"]) != "")
			contacts[r.IDString()] = c
		}
	}
	return names, contacts
}

func listStatisticWidgets(ctx context.Context, env *Env, _ NoParams) (*Result, error) {
	res, err := env.call(ctx, "", map[string]any{"module": "estate"})
	if err != nil {
		return nil, err
	}
	if env.Render.Raw {
		return &Result{Text: string(res.Raw)}, nil
	}
	kinds := map[string]string{
		"statisticDetailReportingActivities":             "activity statistics",
		"statisticDetailReportingItemRelatedRecordsList": "assigned overview",
	}
	res = rewriteRecords(res, func(el map[string]any) []map[string]any {
		out := map[string]any{"title": el["title"], "tab": el["tab"], "activeForReporting": el["activeForReporting"]}
		if k, ok := kinds[text(el["type"])]; ok {
			out["type"] = k
		} else {
			out["type"] = el["type"]
		}
		cfg, _ := el["configuration"].(map[string]any)
		for _, k := range []string{"widgetType", "chartType", "evaluationTarget", "evaluationType", "period", "addressFilterId", "description"} {
			if v := text(cfg[k]); v != "" && v != "0" {
				out[k] = v
			}
		}
		if list, ok := cfg["actionTypes"].([]any); ok {
			var parts []string
			for _, a := range list {
				m, _ := a.(map[string]any)
				part := text(m["type"])
				var children []string
				if cs, ok := m["children"].([]any); ok {
					for _, c := range cs {
						cm, _ := c.(map[string]any)
						children = append(children, text(cm["type"]))
					}
				}
				if len(children) > 0 {
					part += " (" + strings.Join(children, ", ") + ")"
				}
				parts = append(parts, part)
			}
			if len(parts) > 0 {
				out["actionTypes"] = strings.Join(parts, "; ")
			}
		}
		return []map[string]any{out}
	})
	return condense.Records(res, condense.List{Noun: "statistics widgets", Requested: []string{"title", "type", "tab", "activeForReporting",
		"widgetType", "chartType", "evaluationTarget", "evaluationType", "period", "actionTypes", "addressFilterId", "description"}}, env.Render), nil
}

package sandbox

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"sort"
	"strconv"
	"strings"
)

// Estate files: the file list of an estate, the pictures released for the
// homepage, changing and deleting file metadata (shared with the other
// modules that own files) and the generated PDF exposé.

// estFileKinds are the file types (Art) the API accepts when file metadata changes.
var estFileKinds = []string{
	"Foto", "Grundriss", "Lageplan", "Titelbild", "LOGO", "Expose", "Aushang", "Mietaufstellung", "Dokument",
	"Foto_gross", "Link", "Panorama", "Banner", "Stadtplan", "Film-Link", "QR-Code", "Energieausweis",
	"Epass_Skala", "Ogulo-Link", "Objekt-Link", "Anzeigen", "Finanzierungsbeispiel",
}

// estPictureKinds are the file types that are images.
var estPictureKinds = map[string]bool{
	"Titelbild": true, "Foto": true, "Foto_gross": true, "Grundriss": true, "Lageplan": true,
	"Stadtplan": true, "Panorama": true, "Epass_Skala": true, "LOGO": true, "Banner": true, "QR-Code": true,
}

// estLinkKinds are file types that only hold a URL.
var estLinkKinds = map[string]bool{"Link": true, "Film-Link": true, "Ogulo-Link": true, "Objekt-Link": true}

// estFilesOf returns the files of one record of a module, ordered by position and id.
func estFilesOf(s *Store, module string, parent int) []Record {
	var out []Record
	for _, f := range s.Table("file").Records {
		if toText(f["module"]) == module {
			if id, _ := toInt(f["relatedRecordId"]); id == parent {
				out = append(out, f)
			}
		}
	}
	// Files without a position (documents, links) come after the pictures.
	pos := func(f Record) int {
		if n, ok := toInt(f["position"]); ok && f["position"] != nil {
			return n
		}
		return 1 << 30
	}
	sort.SliceStable(out, func(i, j int) bool {
		if pi, pj := pos(out[i]), pos(out[j]); pi != pj {
			return pi < pj
		}
		return idOf(out[i]) < idOf(out[j])
	})
	return out
}

const estImageHost = "https://image.onoffice.de/smart20/Objekte/hansen-kroeger"

// estThumbWidth is the picture width of a thumbnail size ("" for the original).
var estThumbWidth = map[string]string{"small": "120", "medium": "200"}

// estFileURL is where a file of an estate can be downloaded; size is a thumbnail width or "".
func estFileURL(estateID int, f Record, size string) string {
	if u := toText(f["url"]); u != "" && estLinkKinds[toText(f["type"])] {
		return u
	}
	name := toText(f["filename"])
	if name == "" {
		name = fmt.Sprintf("%s_%d.jpg", toText(f["type"]), idOf(f))
	}
	u := fmt.Sprintf("%s/%d/%s", estImageHost, estateID, name)
	if size != "" {
		u += "?size=" + size
	}
	return u
}

// estPortals are the active estPortals that publication status reports on.
var estPortals = []struct {
	id   int
	name string
}{{1, "ImmobilienScout24"}, {2, "Immowelt"}, {3, "Kleinanzeigen"}}

// getEstateFiles lists the files of an estate; one selected file comes with its content.
func getEstateFiles(s *Store, c *Call) (*Answer, error) {
	if err := requireParam(c.Params, "estateid"); err != nil {
		return nil, Fail(110, "Estate record id missing")
	}
	estateID, err := paramInt(c.Params, "estateid", 0)
	if err != nil {
		return nil, Fail(65, "estateId has wrong format")
	}
	if _, err := estMain(s, estateID); err != nil {
		return nil, err
	}
	fileID, err := paramInt(c.Params, "fileid", 0)
	if err != nil {
		return nil, err
	}
	attr, err := paramString(c.Params, "documentAttribute")
	if err != nil {
		return nil, err
	}
	imageSize, err := paramString(c.Params, "includeImageUrl")
	if err != nil {
		return nil, err
	}
	switch imageSize {
	case "", "small", "medium", "original":
	default:
		return nil, Fail(255, "Invalid value for parameter includeImageUrl: %s", imageSize)
	}
	limit, offset, err := pageParams(c.Params, 20, 100)
	if err != nil {
		return nil, err
	}
	files := estFilesOf(s, "estate", estateID)
	single := fileID != 0 || attr != ""
	if single {
		var hit []Record
		for _, f := range files {
			if (fileID == 0 || idOf(f) == fileID) && (attr == "" || toText(f["documentAttribute"]) == attr) {
				hit = append(hit, f)
			}
		}
		files = hit
	}
	total := len(files)
	page := pageOf(files, offset, limit)
	showPublished := paramBool(c.Params, "showispublishedonhomepage")
	showStatus := paramBool(c.Params, "showpublicationstatus")
	out := make([]OutRecord, 0, len(page))
	for _, f := range page {
		el := estFileElements(f)
		if single {
			el["content"] = base64.StdEncoding.EncodeToString(estFileContent(s, estateID, f))
		}
		if showPublished {
			el["ispublishedonhomepage"] = f["ispublishedonhomepage"] == true
		}
		if imageSize != "" {
			el["imageUrl"] = ""
			if estPictureKinds[toText(f["type"])] {
				size := estThumbWidth[imageSize]
				el["imageUrl"] = estFileURL(estateID, f, size)
			}
		}
		if showStatus {
			el["publicationstatus"] = estPublicationStatus(f)
		}
		out = append(out, OutRecord{ID: idOf(f), Type: "file", Elements: el})
	}
	return &Answer{Records: out, Total: Counted(total), Cacheable: true}, nil
}

func estFileElements(f Record) map[string]any {
	var attr any
	if a := toText(f["documentAttribute"]); a != "" {
		attr = a
	}
	position, _ := toInt(orZero(f["position"]))
	size, _ := toInt(orZero(f["fileSize"]))
	modified, _ := toInt(orZero(f["modified"]))
	category := toText(f["category"])
	if category == "" {
		category = "external"
		if toText(f["type"]) == "Dokument" {
			category = "internal"
		}
	}
	return map[string]any{
		"type": toText(f["type"]), "url": toText(f["url"]), "documentAttribute": attr, "position": position,
		"title": toText(f["title"]), "name": toText(f["name"]), "originalname": toText(f["originalname"]),
		"freetext": toText(f["freetext"]), "filename": toText(f["filename"]), "fileSize": size,
		"modified": modified, "category": category,
	}
}

// estPublicationStatus lists per active portal whether the file is uploaded;
// internal files go to no portal.
func estPublicationStatus(f Record) any {
	if toText(f["category"]) == "internal" || toText(f["type"]) == "Dokument" {
		return []any{}
	}
	published := f["ispublishedonhomepage"] == true && !estLinkKinds[toText(f["type"])]
	out := map[string]any{}
	for _, p := range estPortals {
		status := 0
		// Kleinanzeigen gets title pictures only.
		if published && (p.id != 3 || toText(f["type"]) == "Titelbild") {
			status = 1
		}
		out[strconv.Itoa(p.id)] = map[string]any{"portalid": p.id, "portalname": p.name, "status": status}
	}
	return out
}

// estFileContent returns stand-in bytes of a file: a small JPEG for pictures,
// a one-page PDF for documents, the URL for links.
func estFileContent(s *Store, estateID int, f Record) []byte {
	if uploaded, ok := f["_content"].([]byte); ok {
		return uploaded // stored by the file upload
	}
	kind := toText(f["type"])
	switch {
	case estLinkKinds[kind]:
		return []byte(toText(f["url"]))
	case estPictureKinds[kind]:
		img := image.NewGray(image.Rect(0, 0, 16, 12))
		shade := uint8(80 + idOf(f)%120)
		for y := 0; y < 12; y++ {
			for x := 0; x < 16; x++ {
				img.SetGray(x, y, color.Gray{Y: shade + uint8(x*4)})
			}
		}
		var b bytes.Buffer
		_ = jpeg.Encode(&b, img, &jpeg.Options{Quality: 60})
		return b.Bytes()
	}
	title := toText(f["title"])
	if title == "" {
		title = toText(f["originalname"])
	}
	lines := []string{title}
	if e := s.Table("estate").Get(estateID); e != nil {
		lines = append(lines, estTitle(e))
	}
	return estRenderPDF([][]string{lines})
}

// getEstatePictures lists the pictures of estates released for the homepage
// (or for the chosen publication target).
func getEstatePictures(s *Store, c *Call) (*Answer, error) {
	ids, err := paramInts(c.Params, "estateids")
	if err != nil {
		return nil, Fail(73, "estateids must be an array")
	}
	cats, err := paramStrings(c.Params, "categories")
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 || len(cats) == 0 {
		return nil, Fail(139, "Picture categories or estateids missing")
	}
	size, err := paramString(c.Params, "size")
	if err != nil {
		return nil, err
	}
	if size != "" && size != "original" {
		w, h, ok := strings.Cut(size, "x")
		if _, e1 := strconv.Atoi(w); !ok || e1 != nil {
			return nil, Fail(255, "Invalid value for parameter size: %s", size)
		}
		if _, e2 := strconv.Atoi(h); e2 != nil {
			return nil, Fail(255, "Invalid value for parameter size: %s", size)
		}
	}
	if _, err := optionalLanguage(c.Params, "language"); err != nil {
		return nil, err
	}
	setting, err := paramString(c.Params, "publicationSetting")
	if err != nil {
		return nil, err
	}
	switch setting {
	case "", "Homepage", "Word_kurz", "Word_lang", "PDF_kurz", "PDF_lang", "HTML_kurz", "HTML_lang", "Web_kurz", "Web_lang":
	default:
		return nil, Fail(255, "Invalid value for parameter publicationSetting: %s", setting)
	}
	var out []OutRecord
	for _, id := range ids {
		e := s.Table("estate").Get(id)
		if e == nil {
			continue
		}
		main := mainLangID(e)
		for _, f := range estFilesOf(s, "estate", main) {
			kind := toText(f["type"])
			if !contains(cats, kind) || !estReleasedFor(f, setting) {
				continue
			}
			modified, _ := toInt(orZero(f["modified"]))
			u := estFileURL(main, f, "")
			if size != "" {
				u = estFileURL(main, f, size)
			}
			el := map[string]any{
				"estateid": strconv.Itoa(id), "type": kind, "url": u, "title": toText(f["title"]),
				"text": toText(f["freetext"]), "originalname": toText(f["originalname"]),
				"modified": modified, "estateMainId": strconv.Itoa(main),
			}
			out = append(out, OutRecord{ID: idOf(f), Type: "files", Elements: []any{el}})
		}
	}
	return &Answer{Records: out, Total: Counted(len(out)), Cacheable: true}, nil
}

// estReleasedFor reports whether a file is released for a publication target.
// The sandbox keeps one release flag (homepage/API); exposé targets also
// take every picture that is not a plain link.
func estReleasedFor(f Record, setting string) bool {
	if setting == "" || setting == "Homepage" {
		return f["ispublishedonhomepage"] == true
	}
	return estPictureKinds[toText(f["type"])] && toText(f["category"]) != "internal"
}

// estFileOf finds a file of a record; the relationtype names the module.
func estFileOf(s *Store, c *Call) (Record, string, int, error) {
	if err := requireParam(c.Params, "relationtype", "parentid", "fileId"); err != nil {
		return nil, "", 0, err
	}
	module, err := paramString(c.Params, "relationtype")
	if err != nil {
		return nil, "", 0, err
	}
	switch module {
	case "estate", "address", "agentsLog", "task":
	default:
		return nil, "", 0, Fail(163, "Invalid module name: %s", module)
	}
	parent, err := paramInt(c.Params, "parentid", 0)
	if err != nil {
		return nil, "", 0, err
	}
	fileID, err := paramInt(c.Params, "fileId", 0)
	if err != nil {
		return nil, "", 0, err
	}
	for _, f := range estFilesOf(s, module, parent) {
		if idOf(f) == fileID {
			return f, module, parent, nil
		}
	}
	return nil, "", 0, Fail(127, "File not found: %d of %s %d", fileID, module, parent)
}

// modifyFileRelation changes the metadata of a file of any module.
func modifyFileRelation(s *Store, c *Call) (*Answer, error) {
	f, module, parent, err := estFileOf(s, c)
	if err != nil {
		return nil, err
	}
	changes := map[string]any{}
	for _, name := range []string{"Art", "title", "freetext", "documentAttribute", "language"} {
		v, err := paramString(c.Params, name)
		if err != nil {
			return nil, err
		}
		if _, ok := c.Params[name]; ok {
			changes[name] = v
		}
	}
	if module != "estate" {
		if _, ok := changes["documentAttribute"]; ok {
			return nil, Fail(255, "Document attributes exist for estate files only")
		}
	}
	if lang, ok := changes["language"].(string); ok && badLanguage(lang) {
		return nil, Fail(160, "Invalid language: %s", lang)
	}
	art, setArt := changes["Art"].(string)
	if setArt && !contains(estFileKinds, art) {
		return nil, Fail(162, "Invalid file type: %s", art)
	}
	if attr, ok := changes["documentAttribute"].(string); ok && attr != "" {
		if fld := s.Fields["file"]["documentAttribute"]; fld != nil && !permitted(fld, attr) {
			return nil, Fail(252, "Unknown value in select field documentAttribute: %s", attr)
		}
		for _, other := range estFilesOf(s, module, parent) {
			if idOf(other) != idOf(f) && toText(other["documentAttribute"]) == attr {
				return nil, Fail(161, "Document attribute %s is already used by file %d", attr, idOf(other))
			}
		}
	}
	if setArt {
		if art == "Titelbild" {
			for _, other := range estFilesOf(s, module, parent) {
				if idOf(other) != idOf(f) && toText(other["type"]) == "Titelbild" {
					other["type"] = "Foto"
				}
			}
		}
		setFileKind(f, art)
	}
	for _, name := range []string{"title", "freetext"} {
		if v, ok := changes[name]; ok {
			f[name] = v
		}
	}
	if attr, ok := changes["documentAttribute"].(string); ok {
		if attr == "" {
			delete(f, "documentAttribute")
		} else {
			f["documentAttribute"] = attr
		}
	}
	f["modified"] = int(c.Now.Unix())
	return Success(""), nil
}

// setFileKind sets the type (Art) of a file and the category that goes with
// it: documents are internal, everything else is for publishing.
func setFileKind(f Record, art string) {
	f["type"] = art
	f["category"] = "external"
	if art == "Dokument" {
		f["category"] = "internal"
	}
}

// deleteFileRelation removes a file from its record.
func deleteFileRelation(s *Store, c *Call) (*Answer, error) {
	f, _, _, err := estFileOf(s, c)
	if err != nil {
		return nil, err
	}
	if !s.Table("file").Delete(idOf(f)) {
		return nil, Fail(168, "Record could not be deleted")
	}
	return Success(""), nil
}

// estPDFTemplatePrefix starts every PDF exposé template identifier.
const estPDFTemplatePrefix = "urn:onoffice-de-ns:smart:2.5:pdf:expose:"

// getPDFExpose renders an exposé of an estate as a small real PDF.
func getPDFExpose(s *Store, c *Call) (*Answer, error) {
	if _, ok := c.Params["estateid"]; !ok {
		return nil, Fail(110, "Estate record id missing")
	}
	estateID, err := paramInt(c.Params, "estateid", 0)
	if err != nil {
		return nil, Fail(65, "estateId has wrong format")
	}
	e, err := estMain(s, estateID)
	if err != nil {
		return nil, err
	}
	template, err := paramString(c.Params, "template")
	if err != nil {
		return nil, err
	}
	kind, name, ok := strings.Cut(strings.TrimPrefix(template, estPDFTemplatePrefix), ":")
	if !strings.HasPrefix(template, estPDFTemplatePrefix) || !ok || name == "" || (kind != "kurz" && kind != "lang") {
		return nil, Fail(54, "Invalid PDF exposé identifier: %s", template)
	}
	addressIDs, err := paramInts(c.Params, "addressids")
	if err != nil {
		return nil, err
	}
	var recipients []string
	for _, id := range addressIDs {
		a, err := addressRecord(s, id)
		if err != nil {
			return nil, err
		}
		recipients = append(recipients, strings.TrimSpace(toText(a["Vorname"])+" "+toText(a["Name"])))
	}
	lang, err := optionalLanguage(c.Params, "language")
	if err != nil {
		return nil, err
	}
	if lang != "" && lang != "DEU" {
		if version := estLanguageVersion(s.Table("estate"), estateID, lang); version != nil {
			e = version
		}
	}
	pages := estExposePages(s, e, kind, lang, recipients, paramBool(c.Params, "forceEstateLocation"))
	doc := estRenderPDF(pages)
	compress := true
	if _, ok := c.Params["gzcompress"]; ok {
		compress = paramBool(c.Params, "gzcompress")
	}
	if compress {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		_, _ = w.Write(doc)
		_ = w.Close()
		doc = b.Bytes()
	}
	return &Answer{Cacheable: true, Records: []OutRecord{{ID: 0, Type: "pdf", Elements: map[string]any{
		"type": "pdf", "document": base64.StdEncoding.EncodeToString(doc),
	}}}}, nil
}

// estExposePages lays out the text of an exposé: the short template has one
// page, the long one adds the free texts on a second page.
func estExposePages(s *Store, e Record, kind, lang string, recipients []string, forceLocation bool) [][]string {
	fields := s.Fields["estate"]
	show := func(name string) string {
		f := fields[name]
		if f == nil || e[name] == nil {
			return ""
		}
		return toText(displayValue(f, e[name], estLang(lang)))
	}
	first := []string{estTitle(e)}
	loc := strings.TrimSpace(toText(e["plz"]) + " " + toText(e["ort"]))
	if forceLocation {
		loc = strings.TrimSpace(toText(e["strasse"])+" "+toText(e["hausnummer"])) + ", " + loc
	}
	first = append(first, loc)
	for _, name := range []string{"objektart", "objekttyp", "vermarktungsart", "kaufpreis", "kaltmiete", "wohnflaeche", "anzahl_zimmer", "baujahr"} {
		if v := show(name); v != "" {
			first = append(first, label(fields[name].Label, estLang(lang))+": "+v)
		}
	}
	if len(recipients) > 0 {
		first = append(first, "Für: "+strings.Join(recipients, ", "))
	}
	first = append(first, "Hansen & Kröger Immobilien GmbH")
	pages := [][]string{first}
	if kind == "lang" {
		var second []string
		for _, name := range []string{"objektbeschreibung", "lage", "ausstatt_beschr", "sonstige_angaben"} {
			if v := show(name); v != "" {
				second = append(second, label(fields[name].Label, estLang(lang))+":")
				second = append(second, estWrapText(v, 90)...)
			}
		}
		if len(second) == 0 {
			second = []string{"Weitere Angaben auf Anfrage."}
		}
		pages = append(pages, second)
	}
	return pages
}

func estLang(lang string) string {
	if lang == "ENG" {
		return "ENG"
	}
	return "DEU"
}

func estWrapText(s string, width int) []string {
	var out []string
	var line string
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		out = append(out, line)
	}
	if len(out) > 40 {
		out = out[:40]
	}
	return out
}

// estRenderPDF writes a minimal, valid PDF 1.4 with one text page per entry.
func estRenderPDF(pages [][]string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	n := len(pages)
	// 1 catalog, 2 pages, 3 font, then page i at 4+2i and its content at 5+2i.
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i, lines := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		var content strings.Builder
		content.WriteString("BT /F1 11 Tf 56 790 Td 15 TL\n")
		for j, l := range lines {
			if j == 0 {
				content.WriteString("/F1 16 Tf ")
			} else if j == 1 {
				content.WriteString("/F1 11 Tf ")
			}
			content.WriteString("(" + estPDFString(l) + ") Tj T*\n")
		}
		content.WriteString("ET")
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// estPDFString escapes text for a PDF string in WinAnsi encoding.
func estPDFString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '€':
			b.WriteString(`\200`)
		case r >= 32 && r < 127:
			b.WriteRune(r)
		case r >= 160 && r <= 255:
			fmt.Fprintf(&b, `\%03o`, r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

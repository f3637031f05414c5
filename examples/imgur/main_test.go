package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// clientID is the client ID the test server accepts.
const clientID = "test-client"

// images are the test gallery's images: their names under /i/ and their
// MIME types. The contents are made up from the names.
var images = []struct{ name, mime string }{
	{"0dG4qwE.jpg", "image/jpeg"},
	{"1kXzT7b.png", "image/png"},
	{"2mHs9Qd.gif", "image/gif"},
	{"3Vb8LwP.jpg", "image/jpeg"},
	{"4Rt6YuN.png", "image/png"},
	{"5Qw2ErT.jpg", "image/jpeg"},
	{"6Zx1CvB.gif", "image/gif"},
	{"7Nm3AsD.jpg", "image/jpeg"},
}

func content(name string) string { return strings.Repeat("image data of "+name+"\n", 100) }

// imgurServer is Imgur's API as the programs use it:
// /3/gallery/random/random/ lists a gallery, in Imgur's JSON form, to a
// request with the right Client-ID (403 otherwise, as Imgur does); the
// gallery has the images above, an album and a video, which get_links
// leaves out, and, if broken is set, an image whose link answers 404.
// /i/NAME serves an image.
type imgurServer struct {
	broken bool

	mu    sync.Mutex
	asked map[string]int // image requests per name
}

func (s *imgurServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/3/gallery/random/random/":
		if r.Header.Get("Authorization") != "Client-ID "+clientID {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"data":{"error":"Invalid client_id","request":"/3/gallery/random/random/","method":"GET"},"success":false,"status":403}`)
			return
		}
		base := "http://" + r.Host + "/i/"
		var items []map[string]any
		for i, img := range images {
			items = append(items, map[string]any{"id": strings.TrimSuffix(img.name, filepath.Ext(img.name)),
				"title": fmt.Sprintf("picture %d", i), "type": img.mime, "animated": false, "link": base + img.name})
			if i == 2 {
				items = append(items, map[string]any{"id": "aB3dE", "title": "an album", "is_album": true,
					"images_count": 3, "link": "http://" + r.Host + "/a/aB3dE"})
			}
		}
		items = append(items, map[string]any{"id": "9VidEoX", "type": "video/mp4", "animated": true, "link": base + "9VidEoX.mp4"})
		if s.broken {
			items = append(items, map[string]any{"id": "gone", "type": "image/png", "link": base + "gone.png"})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"data": items, "success": true, "status": 200})
	case strings.HasPrefix(r.URL.Path, "/i/"):
		name := strings.TrimPrefix(r.URL.Path, "/i/")
		s.mu.Lock()
		s.asked[name]++
		s.mu.Unlock()
		for _, img := range images {
			if img.name == name {
				w.Header().Set("Content-Type", img.mime)
				io.WriteString(w, content(name))
				return
			}
		}
		http.NotFound(w, r)
	default:
		http.NotFound(w, r)
	}
}

// serve starts an imgurServer outside the synctest bubble and returns it
// and its URL.
func serve(t *testing.T, broken bool) (*imgurServer, string) {
	s := &imgurServer{broken: broken, asked: make(map[string]int)}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

// args returns the program's flags for mode, the test server at base,
// and the download directory dir.
func args(mode, base, dir string) []string {
	return []string{"-mode=" + mode, "-client-id=" + clientID, "-api=" + base + "/3/gallery/random/random/", "-dir=" + dir}
}

// TestModes runs each program against the test server, downloading into
// a directory that does not exist yet. Each prints what its Python
// program prints, deterministically: only the main thread prints, the
// times are 0.0 because the fake clock does not move during network I/O,
// and the server's address is scrubbed. Each downloads every image once,
// and nothing else, into the directory it created.
func TestModes(t *testing.T) {
	for _, tc := range []struct {
		mode, golden string
	}{
		{"pool", "output.golden"},
		{"executor", "executor.golden"},
		{"queue", "queue.golden"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			s, base := serve(t, false)
			dir := filepath.Join(t.TempDir(), "images")
			exampletest.Run(t, func(w io.Writer) error { return run(w, args(tc.mode, base, dir)) },
				exampletest.Golden(tc.golden), exampletest.Scrub(regexp.QuoteMeta(base), "http://127.0.0.1:PORT"))

			want := make(map[string]string)
			asked := make(map[string]int)
			for _, img := range images {
				want[img.name] = content(img.name)
				asked[img.name] = 1
			}
			got := make(map[string]string)
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				got[e.Name()] = string(b)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("files downloaded (-want +got):\n%s", diff)
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			if diff := cmp.Diff(asked, s.asked); diff != "" {
				t.Errorf("image requests (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBrokenLink checks that, in every mode, a download that fails makes
// run return its error and print no "Took" line; in the queue mode run
// must not hang, as the Python program does.
func TestBrokenLink(t *testing.T) {
	for _, mode := range []string{"pool", "executor", "queue"} {
		t.Run(mode, func(t *testing.T) {
			_, base := serve(t, true)
			dir := t.TempDir()
			var out string
			err := runMain(t, &out, args(mode, base, dir)...)
			if err == nil || !strings.Contains(err.Error(), "/i/gone.png: HTTP Error 404: Not Found") {
				t.Errorf("run returned %v; want the 404 of gone.png", err)
			}
			if strings.Contains(out, "Took") || strings.Contains(out, "took") {
				t.Errorf("run printed a time after a failed download:\n%s", out)
			}
		})
	}
}

// TestBadClientID checks that Imgur's refusal is reported and nothing is
// downloaded.
func TestBadClientID(t *testing.T) {
	_, base := serve(t, false)
	dir := t.TempDir()
	a := args("pool", base, dir)
	a[1] = "-client-id=wrong"
	var out string
	err := runMain(t, &out, a...)
	if err == nil || !strings.HasSuffix(err.Error(), "HTTP Error 403: Forbidden") {
		t.Errorf("run returned %v; want HTTP Error 403: Forbidden", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 || out != "" {
		t.Errorf("run printed %q and left %d files; want nothing", out, len(entries))
	}
}

func TestBadFlags(t *testing.T) {
	for _, a := range [][]string{{"-client-id=x", "-mode=threads"}, {"-mode=pool"}, {"-client-id=x", "extra"}} {
		var out string
		if err := runMain(t, &out, a...); err == nil {
			t.Errorf("run(%q) returned nil; want an error", a)
		}
	}
}

// TestNoLinksExecutor checks the executor program on an empty gallery,
// where Python divides by zero.
func TestNoLinksExecutor(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"data":[],"success":true,"status":200}`)
	}))
	defer ts.Close()
	var out string
	err := runMain(t, &out, "-mode=executor", "-client-id=x", "-api="+ts.URL, "-dir="+t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "ZeroDivisionError") {
		t.Errorf("run returned %v; want the ZeroDivisionError", err)
	}
}

// runMain runs the program with args as the main thread, in a synctest
// bubble, and returns its error; *out is what it printed.
func runMain(t *testing.T, out *string, args ...string) (err error) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		var b strings.Builder
		err = run(&b, args)
		*out = b.String()
	})
	return err
}

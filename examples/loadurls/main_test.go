package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// pages are the test server's pages, named after the tutorial's sites,
// and their sizes in bytes. blahblahblah.org, the tutorial's failing URL,
// is not among them: the server answers 404 for it.
var pages = []struct {
	path string
	size int
}{
	{"/www.japan.go.jp/", 21473},
	{"/www.foxnews.com/", 315602},
	{"/www.cnn.com/", 1127318},
	{"/www.python.org", 50770},
	{"/www.wikipedia.org", 74929},
	{"/europe.wsj.com/", 1020},
	{"/www.bbc.co.uk/", 289466},
	{"/www.apple.com", 73362},
}

// pageServer serves pages, records how many requests it has in flight at
// most, and counts the requests for each path.
type pageServer struct {
	mu       sync.Mutex
	inFlight int
	maxIn    int
	asked    map[string]int
}

func (s *pageServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.inFlight++
	s.maxIn = max(s.maxIn, s.inFlight)
	s.asked[r.URL.Path]++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	for _, p := range pages {
		if p.path == r.URL.Path {
			w.Header().Set("Content-Type", "text/html")
			body := "<html>" + strings.Repeat("x", p.size-len("<html></html>")) + "</html>"
			io.WriteString(w, body)
			return
		}
	}
	http.NotFound(w, r)
}

// serve starts a pageServer outside the synctest bubble and returns it,
// its URL and the -urls flag for the tutorial's nine URLs on it.
func serve(t *testing.T) (*pageServer, string, string) {
	s := &pageServer{asked: make(map[string]int)}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	var us []string
	for _, p := range pages {
		us = append(us, ts.URL+p.path)
	}
	us = append(us, ts.URL+"/blahblahblah.org")
	return s, ts.URL, "-urls=" + strings.Join(us, ",")
}

// wantLines are the lines of one round, in the list's order, with the
// server's address scrubbed.
func wantLines() []string {
	var lines []string
	for _, p := range pages {
		lines = append(lines, fmt.Sprintf("http://127.0.0.1:PORT%s is %d bytes", p.path, p.size))
	}
	return append(lines, "http://127.0.0.1:PORT/blahblahblah.org generated an exception: HTTP Error 404: Not Found")
}

// TestLoadURLs runs both rounds against the test server. The first
// round's lines come in the order the fetches complete, so the output is
// compared with the golden file as a set of lines; then each round is
// checked on its own: the first has every line once, in any order, the
// second has them in the list's order. The server's address, which
// changes from run to run, is scrubbed; the times are 0.00 because the
// fake clock does not move during network I/O.
func TestLoadURLs(t *testing.T) {
	s, base, urlsFlag := serve(t)
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, []string{urlsFlag}) },
		exampletest.Unordered(), exampletest.Scrub(regexp.QuoteMeta(base), "http://127.0.0.1:PORT"))

	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := wantLines()
	const completed = "Completed in 0.00 seconds"
	if len(lines) != 2*(len(want)+1) {
		t.Fatalf("got %d lines; want %d:\n%s", len(lines), 2*(len(want)+1), out)
	}
	concurrent, serial := lines[:len(want)+1], lines[len(want)+1:]
	if concurrent[len(want)] != completed || serial[len(want)] != completed {
		t.Errorf("each round should end with %q:\n%s", completed, out)
	}
	got := slices.Sorted(slices.Values(concurrent[:len(want)]))
	if diff := cmp.Diff(slices.Sorted(slices.Values(want)), got); diff != "" {
		t.Errorf("first round, as a set (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, serial[:len(want)]); diff != "" {
		t.Errorf("second round (-want +got):\n%s", diff)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range append(slices.Clone(pages), struct {
		path string
		size int
	}{"/blahblahblah.org", 0}) {
		if n := s.asked[p.path]; n != 2 {
			t.Errorf("server asked for %s %d times; want twice", p.path, n)
		}
	}
	if s.maxIn > 5 {
		t.Errorf("server had %d requests in flight at once; want at most 5 (max_workers=5)", s.maxIn)
	}
}

// TestLoadURLErrors checks the errors load_url reports, in urllib's
// words: an HTTP error status, a refused connection, and a URL urlopen
// cannot open.
func TestLoadURLErrors(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusForbidden)
	}))
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()

	if _, err := loadURL(client, ts.URL, time.Minute); err == nil || err.Error() != "HTTP Error 403: Forbidden" {
		t.Errorf("loadURL of a 403 page returned %v; want HTTP Error 403: Forbidden", err)
	}

	// A port nobody listens on: the listener is closed before the fetch.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/"
	l.Close()
	refused := regexp.MustCompile(`^<urlopen error \[Errno \d+\] Connection refused>$`)
	if _, err := loadURL(client, closed, time.Minute); err == nil || !refused.MatchString(err.Error()) {
		t.Errorf("loadURL of a closed port returned %v; want <urlopen error [Errno N] Connection refused>", err)
	}

	if _, err := loadURL(client, "htp://example.com/", time.Minute); err == nil || !strings.HasPrefix(err.Error(), "<urlopen error ") {
		t.Errorf("loadURL of a URL of an unknown scheme returned %v; want a <urlopen error …>", err)
	}
}

// TestURLOpenError checks the reasons for errors that a test cannot
// cause without the network or a real wait: a host that does not
// resolve, and a timeout.
func TestURLOpenError(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{
			&url.Error{Op: "Get", URL: "http://blahblahblah.org", Err: &net.OpError{Op: "dial", Net: "tcp",
				Err: &net.DNSError{Err: "no such host", Name: "blahblahblah.org", IsNotFound: true}}},
			"<urlopen error [Errno -2] Name or service not known>",
		},
		{
			&url.Error{Op: "Get", URL: "http://example.com", Err: context.DeadlineExceeded},
			"<urlopen error timed out>",
		},
		{
			&url.Error{Op: "Get", URL: "http://example.com", Err: errors.New("something else")},
			"<urlopen error something else>",
		},
	} {
		if got := urlopenError(tc.err).Error(); got != tc.want {
			t.Errorf("urlopenError(%v) = %q; want %q", tc.err, got, tc.want)
		}
	}
}

func TestUnexpectedArgs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := run(io.Discard, []string{"extra"}); err == nil {
			t.Errorf("run with an extra argument returned nil; want an error")
		}
	})
}

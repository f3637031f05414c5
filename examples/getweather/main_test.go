package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// temps are the temperatures the test server reports. 68.5 and 81.5 are
// halfway between two integers: Python's "{:.0f}" rounds them to the even
// one, 68 and 82, and so does Go's "%.0f".
var temps = map[string]float64{
	"Boulder": 41.2, "Atlanta": 68.5, "San Francisco": 58.9, "Reno": 45.0, "Honolulu": 81.5,
	"Zurich": 37.4, "Dubai": 95.7, "Dublin": 48.1, "Hyderabad": 88.2, "Rome": 63.6,
}

// weatherServer is OpenWeatherMap's current weather API, for the cities in
// temps: it answers /data/2.5/weather?q=CITY&units=imperial&APPID=KEY with
// JSON in OpenWeatherMap's form, and records the cities asked for. It
// answers 401 for any key but "test", as OpenWeatherMap does for a bad key,
// and 404 for a city it does not know.
type weatherServer struct {
	mu    sync.Mutex
	asked []string
}

func (s *weatherServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	city := q.Get("q")
	s.mu.Lock()
	s.asked = append(s.asked, city)
	s.mu.Unlock()
	temp, ok := temps[city]
	switch {
	case r.URL.Path != "/data/2.5/weather" || q.Get("units") != "imperial":
		http.Error(w, `{"cod":400,"message":"bad request"}`, http.StatusBadRequest)
	case q.Get("APPID") != "test":
		http.Error(w, `{"cod":401,"message":"Invalid API key."}`, http.StatusUnauthorized)
	case !ok:
		http.Error(w, `{"cod":"404","message":"city not found"}`, http.StatusNotFound)
	default:
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"weather":[{"main":"Clear"}],"main":{"temp":%v,"humidity":40},"name":%q,"cod":200}`, temp, city)
	}
}

// serve starts a weatherServer outside the synctest bubble, and returns it
// and the -url flag that points the program at it.
func serve(t *testing.T) (*weatherServer, string) {
	s := &weatherServer{}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, "-url=" + ts.URL + "/data/2.5/weather?q={city}&units=imperial&APPID={appid}"
}

func TestGetWeather(t *testing.T) {
	s, urlFlag := serve(t)
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, []string{urlFlag, "-appid=test"}) })

	// Every city asked for once, in whatever order the threads ran; the
	// lines printed in the list's order.
	s.mu.Lock()
	asked := s.asked
	s.mu.Unlock()
	count := make(map[string]int)
	for _, city := range asked {
		count[city]++
	}
	for city := range temps {
		if count[city] != 1 {
			t.Errorf("server asked for %q %d times; want once (asked: %q)", city, count[city], asked)
		}
	}
	if len(asked) != len(temps) {
		t.Errorf("server asked for %q; want each of the %d cities once", asked, len(temps))
	}
	exampletest.InOrder(t, out,
		"it is 41°F in Boulder", "it is 68°F in Atlanta", "it is 59°F in San Francisco",
		"it is 45°F in Reno", "it is 82°F in Honolulu", "it is 37°F in Zurich", "it is 96°F in Dubai",
		"it is 48°F in Dublin", "it is 88°F in Hyderabad", "it is 64°F in Rome",
		"Got 10 temps in 0.0 seconds")
}

// TestGetWeatherError checks that a failed fetch (here, a bad API key)
// makes run return an error naming the city and the HTTP status, and
// print nothing.
func TestGetWeatherError(t *testing.T) {
	_, urlFlag := serve(t)
	var err error
	exampletest.Run(t, func(w io.Writer) error {
		err = run(w, []string{urlFlag, "-appid=wrong"})
		return nil
	}, exampletest.Golden("error.golden"))
	if err == nil || !strings.Contains(err.Error(), "San Francisco: HTTP Error 401: Unauthorized") {
		t.Errorf("run returned %v; want an error with %q", err, "San Francisco: HTTP Error 401: Unauthorized")
	}
	if n := len(strings.Split(err.Error(), "\n")); n != len(temps) {
		t.Errorf("run's error has %d lines; want one per city:\n%v", n, err)
	}
}

// TestCityURL checks the default URL: the tutorial's, with the city
// escaped, by https, and the key from -appid.
func TestCityURL(t *testing.T) {
	const want = "https://api.openweathermap.org/data/2.5/weather?q=San+Francisco&units=imperial&APPID=k%26y"
	if got := cityURL(defaultURL, "San Francisco", "k&y"); got != want {
		t.Errorf("cityURL(defaultURL, ...) = %q; want %q", got, want)
	}
}

// TestFetchTempNoTemp checks that a body without main.temp is an error,
// where Python raises KeyError.
func TestFetchTempNoTemp(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"main":{"humidity":40}}`)
	}))
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	if _, err := fetchTemp(client, ts.URL); err == nil || !strings.Contains(err.Error(), "main.temp") {
		t.Errorf("fetchTemp of a body without main.temp returned %v; want an error about main.temp", err)
	}
}

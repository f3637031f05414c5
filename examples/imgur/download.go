package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// types are the gallery items' MIME types that getLinks keeps.
var types = map[string]bool{"image/jpeg": true, "image/png": true, "image/gif": true}

// getLinks is the Python function get_links: it lists the gallery at
// api, authorised by clientID, and returns the links of its images
// (items of the types above, leaving out albums, which have no type, and
// videos).
func getLinks(client *http.Client, api, clientID string) ([]string, error) {
	req, err := http.NewRequest(http.MethodGet, api, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Client-ID "+clientID)
	resp, err := get(client, req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var data struct {
		Data []struct {
			Type string `json:"type"`
			Link string `json:"link"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&data); err != nil {
		return nil, fmt.Errorf("%s: %w", api, err)
	}
	var links []string
	for _, item := range data.Data {
		if types[item.Type] {
			links = append(links, item.Link)
		}
	}
	return links, nil
}

// downloadLink is the Python function download_link: it saves the image
// at link in directory, under the last part of the link's path.
func downloadLink(client *http.Client, directory, link string) error {
	name := link[strings.LastIndexByte(link, '/')+1:] // os.path.basename(link)
	if name == "" {
		return fmt.Errorf("%s: no file name in the link", link)
	}
	req, err := http.NewRequest(http.MethodGet, link, nil)
	if err != nil {
		return err
	}
	image, err := get(client, req)
	if err != nil {
		return err
	}
	defer image.Body.Close()
	f, err := os.Create(filepath.Join(directory, name))
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, image.Body); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", link, err)
	}
	return f.Close()
}

// setupDownloadDir is the Python function setup_download_dir: it creates
// the directory dir if it does not exist, and returns it.
func setupDownloadDir(dir string) (string, error) {
	return dir, os.MkdirAll(dir, 0o755)
}

// get sends req and returns the response, or, as urlopen raises
// HTTPError, an error for a status other than 2xx.
func get(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		resp.Body.Close()
		reason := strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode)+" ")
		return nil, fmt.Errorf("%s: HTTP Error %d: %s", req.URL, resp.StatusCode, reason)
	}
	return resp, nil
}

package main

import (
	"image"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// A testImage is an image the test writes into the folder, and the size
// its thumbnail must have, as PIL's Image.thumbnail((128, 128)) computes
// it; a zero size means the program must leave the file alone.
type testImage struct {
	name  string
	img   image.Image
	thumb image.Point
}

func testImages() []testImage {
	return []testImage{
		{"wide.png", gradient(320, 240), image.Pt(128, 96)},
		{"tall.jpg", gradient(150, 500), image.Pt(38, 128)}, // 38.4 rounds down
		{"square.png", solidGray(256, 256, 200), image.Pt(128, 128)},
		{"banner.gif", paletted(1000, 50), image.Pt(128, 6)}, // 6.4 rounds down
		{"small.gif", paletted(100, 60), image.Pt(100, 60)},  // fits already: not enlarged
		{"photo.jpeg", gradient(20, 20), image.Point{}},      // .jpeg is not among the types
		{"SHOUT.PNG", gradient(20, 20), image.Point{}},       // nor is .PNG
		{".png", gradient(20, 20), image.Point{}},            // its suffix is "", as in pathlib
	}
}

// gradient is an opaque w×h RGBA image of smooth colours.
func gradient(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			copy(img.Pix[img.PixOffset(x, y):], []uint8{uint8(255 * x / w), uint8(255 * y / h), 128, 255})
		}
	}
	return img
}

// solidGray is a w×h grayscale image of one shade.
func solidGray(w, h int, v uint8) image.Image {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = v
	}
	return img
}

// paletted is a w×h image in the web-safe palette, in stripes.
func paletted(w, h int) image.Image {
	img := image.NewPaletted(image.Rect(0, 0, w, h), palette.WebSafe)
	for y := range h {
		for x := range w {
			img.Pix[img.PixOffset(x, y)] = uint8((x/10 + y/10) % len(palette.WebSafe))
		}
	}
	return img
}

// writeImages creates the folder "images" in a new temporary directory,
// with the test images and a file that is not an image, and returns the
// temporary directory.
func writeImages(t *testing.T) string {
	tmp := t.TempDir()
	if err := os.Mkdir(filepath.Join(tmp, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, ti := range testImages() {
		f, err := os.Create(filepath.Join(tmp, "images", ti.name))
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(ti.name) {
		case ".jpg", ".jpeg":
			err = jpeg.Encode(f, ti.img, nil)
		case ".gif":
			err = gif.Encode(f, ti.img, nil)
		default:
			err = png.Encode(f, ti.img)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "images", "notes.txt"), []byte("not an image\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return tmp
}

// runIn runs the program on the folder images in tmp and compares its
// output, the paths relative to tmp as Python's would be in tmp, with the
// golden file as a set of lines.
func runIn(t *testing.T, tmp string, opts ...exampletest.Option) string {
	t.Helper()
	opts = append(opts, exampletest.Unordered(), exampletest.Scrub(regexp.QuoteMeta(tmp+string(filepath.Separator)), ""))
	return exampletest.Run(t, func(w io.Writer) error {
		return run(w, []string{"-dir=" + filepath.Join(tmp, "images")})
	}, opts...)
}

// TestThumbnails runs the program on a folder "images" that the test
// fills; the paths are printed as Python prints them in the folder's
// parent directory, images/NAME. The workers print the paths in any order, so the
// output is compared as a set of lines; the logging line comes last, at
// the fake clock's start, after 0.0 seconds. Every image of the right
// suffix gets a thumbnail of PIL's size, in its format, and no other file
// is made.
func TestThumbnails(t *testing.T) {
	tmp := writeImages(t)
	out := runIn(t, tmp)
	const last = "2000-01-01 00:00:00,000 - root - INFO - Took 0.0\n"
	if !strings.HasSuffix(out, "\n"+last) {
		t.Errorf("the output does not end with %q:\n%s", last, out)
	}

	want := []string{"images/notes.txt"}
	for _, ti := range testImages() {
		want = append(want, "images/"+ti.name)
		if ti.thumb == (image.Point{}) {
			continue
		}
		ext := filepath.Ext(ti.name)
		path := "images/" + strings.TrimSuffix(ti.name, ext) + "_thumbnail" + ext
		want = append(want, path)
		checkThumbnail(t, filepath.Join(tmp, path), ti)
	}
	entries, err := os.ReadDir(filepath.Join(tmp, "images"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, "images/"+e.Name())
	}
	if diff := cmp.Diff(sorted(want), sorted(got)); diff != "" {
		t.Errorf("files in images (-want +got):\n%s", diff)
	}
}

// checkThumbnail checks the thumbnail at path of the test image ti: its
// format, its size, and what scaling must keep.
func checkThumbnail(t *testing.T, path string, ti testImage) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	img, format, err := image.Decode(f)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	if wantFormat := map[string]string{".jpg": "jpeg", ".png": "png", ".gif": "gif"}[filepath.Ext(path)]; format != wantFormat {
		t.Errorf("%s is %s; want %s", path, format, wantFormat)
	}
	if got := img.Bounds().Size(); got != ti.thumb {
		t.Errorf("%s is %v; want %v", path, got, ti.thumb)
	}
	switch src := ti.img.(type) {
	case *image.Gray:
		// A single shade stays that shade.
		g, ok := img.(*image.Gray)
		if !ok {
			t.Errorf("%s is a %T; want a grayscale image", path, img)
			return
		}
		for i, v := range g.Pix {
			if v != src.Pix[0] {
				t.Errorf("%s: pixel %d is %d; want %d", path, i, v, src.Pix[0])
				return
			}
		}
	case *image.Paletted:
		// Nearest neighbour uses only the palette's colours.
		p, ok := img.(*image.Paletted)
		if !ok {
			t.Errorf("%s is a %T; want a paletted image", path, img)
			return
		}
		if ti.thumb == src.Bounds().Size() {
			if diff := cmp.Diff(src.Pix, p.Pix); diff != "" {
				t.Errorf("%s: an image that fits already should keep its pixels (-want +got):\n%s", path, diff)
			}
		}
	}
}

// TestThumbnailsTwice runs the program a second time: as in Python, it
// makes thumbnails of the first run's thumbnails too.
func TestThumbnailsTwice(t *testing.T) {
	tmp := writeImages(t)
	dir := "-dir=" + filepath.Join(tmp, "images")
	if _, err := runMain(t, dir); err != nil {
		t.Fatal(err)
	}
	out := runIn(t, tmp, exampletest.Golden("twice.golden"))
	for _, line := range []string{"images/wide_thumbnail.png", "images/small_thumbnail.gif"} {
		if !strings.Contains(out, "\n"+line+"\n") && !strings.HasPrefix(out, line+"\n") {
			t.Errorf("second run did not print %q:\n%s", line, out)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "images/wide_thumbnail_thumbnail.png")); err != nil {
		t.Errorf("second run: %v", err)
	}
}

// TestBrokenImage checks that an image that does not decode stops the
// program with its error, without the logging line.
func TestBrokenImage(t *testing.T) {
	tmp := writeImages(t)
	broken := filepath.Join(tmp, "images", "broken.png")
	if err := os.WriteFile(broken, []byte("not a PNG"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runMain(t, "-dir="+filepath.Join(tmp, "images"))
	if err == nil || !strings.Contains(err.Error(), broken) {
		t.Errorf("run returned %v; want an error about images/broken.png", err)
	}
	if strings.Contains(out, "Took") {
		t.Errorf("run logged the time after a failure:\n%s", out)
	}
}

func TestNoFolder(t *testing.T) {
	if _, err := runMain(t, "-dir="+filepath.Join(t.TempDir(), "images")); err == nil {
		t.Errorf("run without a folder images returned nil; want an error")
	}
	if _, err := runMain(t, "extra"); err == nil {
		t.Errorf("run with an extra argument returned nil; want an error")
	}
}

// TestThumbnailSize checks thumbnailSize against what PIL's
// Image.thumbnail((128, 128)) makes of each size.
func TestThumbnailSize(t *testing.T) {
	for _, tc := range []struct {
		w, h int
		want image.Point
		ok   bool
	}{
		{640, 480, image.Pt(128, 96), true},
		{480, 640, image.Pt(96, 128), true},
		{300, 1000, image.Pt(38, 128), true},
		{1000, 300, image.Pt(128, 38), true},
		{1000, 50, image.Pt(128, 6), true},
		{129, 128, image.Pt(128, 127), true},
		{10000, 1, image.Pt(128, 1), true}, // never below 1
		{128, 128, image.Point{}, false},
		{100, 60, image.Point{}, false},
		{128, 200, image.Pt(82, 128), true},
	} {
		got, ok := thumbnailSize(tc.w, tc.h, 128, 128)
		if got != tc.want || ok != tc.ok {
			t.Errorf("thumbnailSize(%d, %d, 128, 128) = %v, %v; want %v, %v", tc.w, tc.h, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSuffix(t *testing.T) {
	for name, want := range map[string]string{"a.png": ".png", "a.tar.gz": ".gz", ".png": "", "a.": "", "a": "", "..png": ".png"} {
		if got := suffix(name); got != want {
			t.Errorf("suffix(%q) = %q; want %q", name, got, want)
		}
	}
}

// runMain runs the program with args as the main thread, in a synctest
// bubble, and returns what it printed and its error.
func runMain(t *testing.T, args ...string) (out string, err error) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		var b exampletest.Buffer
		err = run(&b, args)
		out = b.String()
	})
	return out, err
}

func sorted(xs []string) []string {
	xs = append([]string(nil), xs...)
	slices.Sort(xs)
	return xs
}

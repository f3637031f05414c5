package main

import (
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/draw"
)

// openImage decodes the image in the file at path, whatever its format
// among JPEG, PNG and GIF, as PIL's Image.open does.
func openImage(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// saveImage writes img to path in the format its extension names, as
// PIL's Image.save does.
//
// It writes a temporary file beside path and renames it into place, so a
// worker reading path at the same moment (a second run thumbnails the
// thumbnails of the first, while it rewrites them) sees the old file or
// the new one, never half of one. PIL's save writes in place, and the
// Python program can read a truncated file in that case.
func saveImage(path string, img image.Image) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".thumbnail-*")
	if err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil { // CreateTemp's is 0o600
		f.Close()
		os.Remove(f.Name())
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), path)
		}
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".jpg", ".jpeg":
		return jpeg.Encode(f, img, &jpeg.Options{Quality: 75}) // PIL's default quality
	case ".png":
		return png.Encode(f, img)
	case ".gif":
		return gif.Encode(f, img, nil)
	default:
		return fmt.Errorf("%s: unknown file extension %q", path, ext)
	}
}

// thumbnail returns img shrunk to fit in width×height with its aspect
// ratio kept, as PIL's Image.thumbnail does; an image that fits already
// is returned as it is. It scales with the Catmull-Rom cubic, PIL's
// BICUBIC, except a paletted image, which it scales by nearest neighbour
// into the same palette, as PIL does for mode "P".
func thumbnail(img image.Image, width, height int) image.Image {
	b := img.Bounds()
	size, ok := thumbnailSize(b.Dx(), b.Dy(), width, height)
	if !ok || size == b.Size() {
		return img
	}
	r := image.Rectangle{Max: size}
	switch src := img.(type) {
	case *image.Paletted:
		dst := image.NewPaletted(r, src.Palette)
		draw.NearestNeighbor.Scale(dst, r, src, b, draw.Src, nil)
		return dst
	case *image.Gray:
		dst := image.NewGray(r)
		draw.CatmullRom.Scale(dst, r, src, b, draw.Src, nil)
		return dst
	default:
		dst := image.NewRGBA(r)
		draw.CatmullRom.Scale(dst, r, src, b, draw.Src, nil)
		return dst
	}
}

// thumbnailSize returns the size PIL's Image.thumbnail gives an image of
// w×h pixels to fit in x×y: the largest with w:h's aspect ratio, each
// side rounded down or up, whichever keeps the ratio closer, and at least
// 1. It returns false if the image fits already, and is not to be
// resized.
func thumbnailSize(w, h, x, y int) (image.Point, bool) {
	if x >= w && y >= h {
		return image.Point{}, false
	}
	aspect := float64(w) / float64(h)
	if float64(x)/float64(y) >= aspect {
		x = roundAspect(float64(y)*aspect, func(n float64) float64 { return math.Abs(aspect - n/float64(y)) })
	} else {
		y = roundAspect(float64(x)/aspect, func(n float64) float64 {
			if n == 0 {
				return 0
			}
			return math.Abs(aspect - float64(x)/n)
		})
	}
	return image.Point{x, y}, true
}

// roundAspect rounds number down or up, whichever key prefers (down on a
// tie), and to at least 1: round_aspect in PIL's Image.thumbnail.
func roundAspect(number float64, key func(float64) float64) int {
	n := math.Floor(number)
	if up := math.Ceil(number); key(up) < key(n) {
		n = up
	}
	return max(int(n), 1)
}

// Package input is the input of a map over a pool or an executor: a slice
// or an iterator, as Python's map accepts any iterable.
package input

import (
	"iter"
	"reflect"

	"github.com/pyconc/pyconc/internal/panics"
)

// Of is the constraint of a map's input: a slice of T, or an iterator of
// T (an iter.Seq[T], or any function of that shape).
type Of[T any] interface {
	~[]T | ~func(yield func(T) bool)
}

// Slice returns xs as a slice if it is one, without copying.
func Slice[T any, S Of[T]](xs S) ([]T, bool) {
	switch v := any(xs).(type) {
	case []T:
		return v, true
	case iter.Seq[T], func(func(T) bool):
		return nil, false
	}
	rv := reflect.ValueOf(xs)
	if rv.Kind() == reflect.Slice {
		return rv.Convert(reflect.TypeFor[[]T]()).Interface().([]T), true
	}
	return nil, false
}

// Seq returns xs as an iterator; a nil iterator is an empty one.
func Seq[T any, S Of[T]](xs S) iter.Seq[T] {
	switch v := any(xs).(type) {
	case []T:
		return func(yield func(T) bool) {
			for _, x := range v {
				if !yield(x) {
					return
				}
			}
		}
	case iter.Seq[T]:
		if v == nil {
			return empty[T]
		}
		return v
	case func(func(T) bool):
		if v == nil {
			return empty[T]
		}
		return v
	}
	if s, ok := Slice[T](xs); ok {
		return Seq[T](s)
	}
	if reflect.ValueOf(xs).IsNil() {
		return empty[T]
	}
	return reflect.ValueOf(xs).Convert(reflect.TypeFor[iter.Seq[T]]()).Interface().(iter.Seq[T])
}

// empty is the iterator a nil iterator stands for.
func empty[T any](func(T) bool) {}

// Collect returns the items of xs as a slice: xs itself if it is a slice.
// If the iterator panics, Collect returns the items before the panic and
// a *panics.Error; an iterator that calls runtime.Goexit is treated alike.
func Collect[T any, S Of[T]](xs S) (items []T, err error) {
	if s, ok := Slice[T](xs); ok {
		return s, nil
	}
	err = Each(Seq[T](xs), func(x T) bool {
		items = append(items, x)
		return true
	})
	return items, err
}

// Each calls f with each item of seq until f returns false. If seq panics,
// Each recovers and returns a *panics.Error; a panic in f is not
// recovered, and runtime.Goexit in either ends the goroutine as anywhere.
func Each[T any](seq iter.Seq[T], f func(T) bool) (err error) {
	inF := false
	normal := false
	defer func() {
		if normal || inF {
			return
		}
		if r := recover(); r != nil {
			err = panics.New(r)
		}
	}()
	for x := range seq {
		inF = true
		ok := f(x)
		inF = false
		if !ok {
			break
		}
	}
	normal = true
	return nil
}

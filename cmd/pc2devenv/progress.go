package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/pc2devenv/pc2devenv/batch"
)

// A progressLine shows how far a long run is, on one line of a terminal
// that it rewrites. Output printed meanwhile goes through hide, so that it
// never mixes with the line.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer
	p     *batch.Progress
	verb  string
	shown bool
	done  chan struct{}
	wg    sync.WaitGroup
}

// Progress is shown only for runs that take longer than progressDelay,
// and redrawn every progressEvery.
var (
	progressDelay = 500 * time.Millisecond
	progressEvery = 100 * time.Millisecond
)

func startProgress(w io.Writer, p *batch.Progress, mode batch.Mode) *progressLine {
	l := &progressLine{w: w, p: p, verb: "converting", done: make(chan struct{})}
	if mode == batch.Check {
		l.verb = "checking"
	}
	l.wg.Add(1)
	go l.run()
	return l
}

func (l *progressLine) run() {
	defer l.wg.Done()
	select {
	case <-l.done:
		return
	case <-time.After(progressDelay):
	}
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	for {
		l.mu.Lock()
		l.draw()
		l.mu.Unlock()
		select {
		case <-l.done:
			return
		case <-t.C:
		}
	}
}

func (l *progressLine) draw() {
	done, found := l.p.Done.Load(), l.p.Found.Load()
	if l.p.Walked.Load() {
		fmt.Fprintf(l.w, "\r\x1b[Kpc2devenv: %s %d/%d projects", l.verb, done, found)
	} else {
		fmt.Fprintf(l.w, "\r\x1b[Kpc2devenv: %s %d/%d projects found so far", l.verb, done, found)
	}
	l.shown = true
}

// hide clears the line while f prints. A nil line just runs f.
func (l *progressLine) hide(f func()) {
	if l == nil {
		f()
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.clear()
	f()
}

func (l *progressLine) clear() {
	if l.shown {
		io.WriteString(l.w, "\r\x1b[K")
		l.shown = false
	}
}

// stop removes the line for good.
func (l *progressLine) stop() {
	if l == nil {
		return
	}
	close(l.done)
	l.wg.Wait()
	l.mu.Lock()
	l.clear()
	l.mu.Unlock()
}

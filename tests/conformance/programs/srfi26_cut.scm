;;; Checks SRFI-26 cut and cute: slots, the rest slot <...>, and that cute
;;; evaluates its non-slot arguments once, when the procedure is made.

(use-modules (srfi srfi-26))

(write (map (cut + 1 <>) '(1 2 3))) (newline)
(write (map (cut list 'a <> 'c <>) '(1 2) '(3 4))) (newline)
(write ((cut list <> 'mid <...>) 'first 'x 'y)) (newline)
(write (filter (cut string-prefix? "gnu" <>) '("gnu-make" "bash" "gnutls")))
(newline)
(write ((cut * 2 3))) (newline)

(define counter 0)
(define (next!) (set! counter (+ counter 1)) counter)
(define with-cut (cut list (next!) <>))
(define with-cute (cute list (next!) <>))
(write (list (with-cut 'a) (with-cut 'b))) (newline)
(write (list (with-cute 'a) (with-cute 'b))) (newline)
(write counter) (newline)
(write (map (cut assq-ref '((a . 1) (b . 2)) <>) '(a b))) (newline)

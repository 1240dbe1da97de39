;;; Checks delay, force and make-promise: promises are forced at most once,
;;; and Guile's core make-promise takes a thunk (not a value as in R7RS).

(define count 0)
(define p (delay (begin (set! count (+ count 1)) (* 6 7))))
(write (promise? p)) (newline)
(write (force p)) (newline)
(write (force p)) (newline)
(write count) (newline)

(define mp (make-promise (lambda () 'ready)))
(write (promise? mp)) (newline)
(write (force mp)) (newline)

(define (stream-from n) (cons n (delay (stream-from (+ n 1)))))
(define (stream-take s k)
  (if (= k 0) '() (cons (car s) (stream-take (force (cdr s)) (- k 1)))))
(write (stream-take (stream-from 10) 5)) (newline)

(define nested (delay (force (delay (list 'inner (force p))))))
(write (force nested)) (newline)

(define side '())
(define q (delay (begin (set! side (cons 'ran side)) 'value)))
(force q) (force q) (force q)
(write side) (newline)

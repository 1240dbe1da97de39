;;; Checks lambda, define, set!, closures, rest arguments and internal
;;; defines (including ones that refer to each other).

(define (square x) (* x x))
(display (square 7)) (newline)

(define add (lambda (a b) (+ a b)))
(display (add 2 3)) (newline)

(define (make-counter)
  (let ((n 0))
    (lambda ()
      (set! n (+ n 1))
      n)))

(define c1 (make-counter))
(define c2 (make-counter))
(c1) (c1)
(display (list (c1) (c2))) (newline)

(define (rest-args a . rest) (list a rest))
(write (rest-args 1)) (newline)
(write (rest-args 1 2 3)) (newline)
(write ((lambda args args) 1 2 3)) (newline)
(write ((lambda (a b . c) (list a b c)) 1 2)) (newline)

(define (outer n)
  (define (even? k) (if (= k 0) #t (odd? (- k 1))))
  (define (odd? k) (if (= k 0) #f (even? (- k 1))))
  (define base 10)
  (list (even? n) (odd? n) (+ base n)))
(write (outer 7)) (newline)

(define y 1)
(set! y (+ y 10))
(display y) (newline)

(define (curry f x) (lambda (y) (f x y)))
(display ((curry * 6) 7)) (newline)
(display (map (lambda (f) (f 3)) (list square (curry + 1)))) (newline)

;;; Checks eq?, eqv? and equal? corner cases: small integers, bignums,
;;; exact versus inexact numbers, empty list, characters, strings, symbols,
;;; vectors, nested lists and procedures.

(define (show . xs) (write xs) (newline))

(show (eq? 'a 'a) (eq? '() '()) (eq? #t #t) (eq? car car))
(show (eqv? 2 2) (eqv? 2 2.0) (eqv? (expt 10 20) (expt 10 20)))
(show (eqv? 1/2 1/2) (eqv? 1.5 1.5) (eqv? #\a #\a))
(show (equal? 2 2.0) (= 2 2.0) (equal? 1/2 0.5))
(show (equal? "abc" "abc") (equal? "abc" "ABC") (string=? "abc" "abc"))
(show (equal? '(1 (2 #(3 "x"))) (list 1 (list 2 (vector 3 "x")))))
(show (equal? '(1 2) '(1 2 3)) (equal? '() '()) (equal? '(()) '(())))
(show (eqv? 'sym (string->symbol "sym")) (eq? (list 1) (list 1)))
(let ((x (list 1 2)))
  (show (eq? x x) (eqv? x x) (equal? x (list-copy x)) (eq? x (list-copy x))))
(show (eqv? 0.0 -0.0) (= 0.0 -0.0) (equal? 0.0 -0.0))
(show (eqv? +nan.0 +nan.0) (= +nan.0 +nan.0))
(show (equal? #\a #\A) (char-ci=? #\a #\A))
(show (eq? #:k #:k) (equal? #:k 'k))
(show (equal? (vector) (vector)) (equal? #(1 2) #(1 2.0)))
(define f (lambda () 1))
(show (eq? f f) (equal? f (lambda () 1)))
(show (memv 1.0 '(1 2)) (member 1.0 '(1 2)) (memv 1 '(1 2)))
(show (assv 2 '((1 . a) (2 . b))) (assv 3 '((1 . a) (2 . b))))
(show (eq? #f '()) (null? '()) (eq? '() (list)))

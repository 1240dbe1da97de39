;;; Checks SRFI-1 selectors and sublists: first through fifth, last, take,
;;; drop, take-right, drop-right, split-at, last, append-reverse, zip,
;;; unzip2 and list=.

(use-modules (srfi srfi-1))

(define l '(a b c d e f))
(write (list (first l) (second l) (third l) (fourth l) (fifth l))) (newline)
(write (last l)) (newline)
(write (take l 2)) (newline)
(write (drop l 2)) (newline)
(write (take-right l 2)) (newline)
(write (drop-right l 2)) (newline)
(write (take l 0)) (newline)
(write (drop l 6)) (newline)
(call-with-values (lambda () (split-at l 3))
  (lambda (front back) (write (list front back)) (newline)))
(write (append-reverse '(3 2 1) '(4 5))) (newline)
(write (zip '(1 2 3) '(a b c))) (newline)
(call-with-values (lambda () (unzip2 '((1 a) (2 b))))
  (lambda (xs ys) (write (list xs ys)) (newline)))
(write (list= eq? '(a b) '(a b))) (newline)
(write (xcons 1 2)) (newline)
(write (dotted-list? '(1 2 . 3))) (newline)
(write (proper-list? '(1 2))) (newline)
(write (length+ '(1 2 3))) (newline)
(write (last-pair '(1 2 3))) (newline)

;;; Checks deep non-tail recursion: building a list 100,000 deep with a
;;; naive recursive procedure, summing it recursively, and a map over a
;;; long list must not overflow the stack.

(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
(define big (build 100000))
(write (length big)) (newline)
(write (car big)) (newline)

(define (sum lst) (if (null? lst) 0 (+ (car lst) (sum (cdr lst)))))
(write (sum big)) (newline)

(define (my-map f lst)
  (if (null? lst) '() (cons (f (car lst)) (my-map f (cdr lst)))))
(write (apply + (my-map (lambda (x) 1) big))) (newline)
(write (length (map 1+ big))) (newline)

(define (depth n) (if (= n 0) 0 (+ 1 (depth (- n 1)))))
(write (depth 100000)) (newline)

(define (nest n) (if (= n 0) '() (list (nest (- n 1)))))
(define (nest-depth x) (if (null? x) 0 (+ 1 (nest-depth (car x)))))
(write (nest-depth (nest 100000))) (newline)

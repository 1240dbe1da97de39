;;; Checks let, let*, letrec, letrec*, named let and do, including shadowing
;;; and the scoping rules that tell let from let*.

(define x 'outer)
(write (let ((x 1) (y x)) (list x y))) (newline)
(write (let* ((x 1) (y x)) (list x y))) (newline)
(write (let () 5)) (newline)

(write (letrec ((even? (lambda (n) (if (= n 0) #t (odd? (- n 1)))))
                (odd? (lambda (n) (if (= n 0) #f (even? (- n 1))))))
         (list (even? 100) (odd? 7))))
(newline)

(write (letrec* ((a 1) (b (+ a 1)) (c (lambda () (* b 10))))
         (c)))
(newline)

(write (let loop ((i 0) (acc '()))
         (if (= i 5)
             (reverse acc)
             (loop (+ i 1) (cons (* i i) acc)))))
(newline)

(write (do ((i 0 (+ i 1))
            (acc '() (cons i acc)))
           ((= i 4) acc)))
(newline)

(write (let ((v (make-vector 5)))
         (do ((i 0 (+ i 1)))
             ((= i 5) v)
           (vector-set! v i (* i 2)))))
(newline)

(write (do ((i 0 (+ i 1)) (fixed 'same)) ((= i 3) (list i fixed))))
(newline)

(write (let fact ((n 20)) (if (= n 0) 1 (* n (fact (- n 1))))))
(newline)

(write (let ((x 1))
         (let ((x 2) (f (lambda () x)))
           (list x (f)))))
(newline)
